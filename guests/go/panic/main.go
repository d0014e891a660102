// Guest panic: an unrecovered Go panic.
//   - no arguments: prints "panic: about to panic" to stdout, then panics with "boom" in main;
//     the Go runtime prints "panic: boom" and a goroutine trace to stderr and exits with code 2.
//   - argument "wait": registers the global panicLater() which panics with "boom later" when
//     called (the whole program dies with exit code 2), prints "panic: ready" and blocks.
package main

import (
	"fmt"
	"os"
	"syscall/js"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "wait" {
		js.Global().Set("panicLater", js.FuncOf(func(this js.Value, args []js.Value) interface{} {
			panic("boom later")
		}))
		fmt.Println("panic: ready")
		select {}
	}
	fmt.Println("panic: about to panic")
	panic("boom")
}
