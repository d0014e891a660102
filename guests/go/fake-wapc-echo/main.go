// Guest fake-wapc-echo: the shared waPC operation set (docs/guests.md, "waPC guests", implemented
// in ../wapcops) as a js/wasm guest on github.com/prep/wasmexec/wapc ("fake" waPC: carried over Go's
// wasm_exec ABI, not the wapc.* imports). Here that module is replaced by ../prep-wasmexec-standin.
//
// main makes the init-time host call, registers the operations and then blocks (select {}), so it
// runs on a standard wasm_exec host; RegisterFunctions itself does not block.
// "log" prints its line to stdout (the library has no console log); "trap-after-error" sets the
// error through the host's wapc.__guest_error directly (the library keeps its own setter private).
package main

import (
	"fmt"
	"syscall/js"

	"github.com/prep/wasmexec/wapc"
	"wasm-tck.dev/guests/go/wapcops"
)

func main() {
	host := wapcops.Host{
		Call: wapc.HostCall,
		Log:  func(line string) { fmt.Println(line) },
		GuestError: func(msg string) {
			b := js.Global().Get("Uint8Array").New(len(msg))
			js.CopyBytesToJS(b, []byte(msg))
			js.Global().Get("wapc").Call("__guest_error", b)
		},
	}
	initAnswer := wapcops.InitCall(host)
	fns := wapc.Functions{}
	for name, fn := range wapcops.Operations(host, initAnswer) {
		fns[name] = fn
	}
	wapc.RegisterFunctions(fns)
	select {}
}
