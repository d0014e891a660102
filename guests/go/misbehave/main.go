// Guest misbehave: one misbehaviour per run, chosen by args[1]; each prints
// "misbehave: <mode>" first.
//
//	trap       loads from address 0xFFFFFFF0 through an unsafe pointer: Go does not check it, so
//	           the wasm load itself traps (out-of-bounds memory access).
//	loop       spins in a loop that never yields to the scheduler or the host.
//	oom        allocates 8 MiB chunks, touches every page and keeps them, forever (until the
//	           runtime reports out of memory or the host stops it); prints "allocated N MiB"
//	           every 64 MiB.
//	closed-fd  closes os.Stdout, then writes to it: prints the write error to stderr as
//	           "write after close: <error>" and exits 1. Go itself refuses the write (the
//	           host sees no call).
//	bad-fd     writes to fd 42, which nobody opened, with syscall.Write: the host's fs.write
//	           fails; prints "write to fd 42: <error>" to stderr and exits 1.
//	deadlock   receives from a channel nobody sends on: the Go runtime reports
//	           "fatal error: all goroutines are asleep - deadlock!" and exits 2.
//	wait       registers the global spin(), which loops forever when called, and blocks.
//
// Anything else prints the usage to stderr and exits 64.
package main

import (
	"fmt"
	"os"
	"syscall"
	"syscall/js"
	"unsafe"
)

var sink int

func main() {
	mode := ""
	if len(os.Args) > 1 {
		mode = os.Args[1]
	}
	fmt.Println("misbehave:", mode)
	switch mode {
	case "trap":
		p := (*uint64)(unsafe.Pointer(uintptr(0xFFFFFFF0)))
		fmt.Println("read", *p) // not reached: the load traps
	case "loop":
		for i := 0; ; i++ {
			sink += i
		}
	case "oom":
		var kept [][]byte
		for {
			chunk := make([]byte, 8<<20)
			for i := 0; i < len(chunk); i += 4096 {
				chunk[i] = 1
			}
			kept = append(kept, chunk)
			if len(kept)%8 == 0 {
				fmt.Printf("allocated %d MiB\n", len(kept)*8)
			}
		}
	case "closed-fd":
		os.Stdout.Close()
		if _, err := fmt.Fprintln(os.Stdout, "after close"); err != nil {
			fmt.Fprintln(os.Stderr, "write after close:", err)
			os.Exit(1)
		}
		fmt.Fprintln(os.Stderr, "write after close succeeded")
	case "bad-fd":
		if _, err := syscall.Write(42, []byte("to nowhere\n")); err != nil {
			fmt.Fprintln(os.Stderr, "write to fd 42:", err)
			os.Exit(1)
		}
		fmt.Fprintln(os.Stderr, "write to fd 42 succeeded")
	case "deadlock":
		never := make(chan int)
		<-never
	case "wait":
		js.Global().Set("spin", js.FuncOf(func(this js.Value, args []js.Value) interface{} {
			for i := 0; ; i++ {
				sink += i
			}
		}))
		fmt.Println("misbehave: ready")
		select {}
	default:
		fmt.Fprintln(os.Stderr, "usage: misbehave trap|loop|oom|closed-fd|bad-fd|deadlock|wait")
		os.Exit(64)
	}
}
