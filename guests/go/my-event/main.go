// Guest my-event: the seed's Go guest, plus return values a host can check.
//   - global myEvent(Uint8Array): copies the bytes with js.CopyBytesToGo, prints
//     "Received: <text>" and returns the text upper-cased as a JS string. A call with no
//     Uint8Array prints "myEvent: expected a Uint8Array" to stderr and returns null.
//   - global echoBytes(Uint8Array) Uint8Array: a new Uint8Array holding the same bytes.
//
// main prints "my-event: ready" and blocks forever (select {}).
package main

import (
	"fmt"
	"os"
	"strings"
	"syscall/js"
)

func bytesArg(args []js.Value) ([]byte, bool) {
	if len(args) < 1 || !args[0].InstanceOf(js.Global().Get("Uint8Array")) {
		return nil, false
	}
	b := make([]byte, args[0].Get("length").Int())
	js.CopyBytesToGo(b, args[0])
	return b, true
}

func main() {
	js.Global().Set("myEvent", js.FuncOf(func(this js.Value, args []js.Value) interface{} {
		b, ok := bytesArg(args)
		if !ok {
			fmt.Fprintln(os.Stderr, "myEvent: expected a Uint8Array")
			return nil
		}
		text := string(b)
		fmt.Println("Received:", text)
		return strings.ToUpper(text)
	}))
	js.Global().Set("echoBytes", js.FuncOf(func(this js.Value, args []js.Value) interface{} {
		b, ok := bytesArg(args)
		if !ok {
			return nil
		}
		out := js.Global().Get("Uint8Array").New(len(b))
		js.CopyBytesToJS(out, b)
		return out
	}))
	fmt.Println("my-event: ready")
	select {}
}
