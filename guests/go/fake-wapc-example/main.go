// Guest fake-wapc-example: the behaviour of github.com/prep/wasmexec's "wapc" example, written
// for wasm-tck (here github.com/prep/wasmexec is replaced by ../prep-wasmexec-standin).
//
// Operation "hello": host call binding "myBinding", namespace "sample", operation "hello",
// payload "Guest"; when it succeeds, prints "Message from host: <response>" to stdout. Whatever the
// host call did, responds "Greetings <payload>!" (payload "Host" -> "Greetings Host!").
// main returns right after registering: the host needs a compatibility mode that keeps calling
// __guest_call after the Go program's main has returned.
package main

import (
	"fmt"

	"github.com/prep/wasmexec/wapc"
)

func hello(payload []byte) ([]byte, error) {
	if resp, err := wapc.HostCall("myBinding", "sample", "hello", []byte("Guest")); err == nil {
		fmt.Printf("Message from host: %s\n", resp)
	}
	return []byte("Greetings " + string(payload) + "!"), nil
}

func main() {
	wapc.RegisterFunctions(wapc.Functions{"hello": hello})
}
