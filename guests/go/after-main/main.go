// Guest after-main: registers the global greet(name) and returns from main at once, as
// prep/wasmexec's wapc example does. Under Go's own wasm_exec.js the program has then exited and
// greet can no longer be called; a host in the compatibility mode (after-exit: serve) keeps
// resuming the instance, and greet answers "Hello, <name>!".
package main

import (
	"fmt"
	"syscall/js"
)

func main() {
	js.Global().Set("greet", js.FuncOf(func(this js.Value, args []js.Value) interface{} {
		name := "nobody"
		if len(args) > 0 {
			name = args[0].String()
		}
		return fmt.Sprintf("Hello, %s!", name)
	}))
	fmt.Println("after-main: registered greet, returning")
}
