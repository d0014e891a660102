// Guest tinygo/hello: a TinyGo js/wasm program (tinygo build -target=wasm) for the wasm-exec host's
// TinyGo variant. The case picks the behaviour with JS globals, since TinyGo's js/wasm glue passes
// no command line:
//
//   - no `mode`: prints "Hello from TinyGo!" to stdout and a line to stderr, returns (exit 0);
//   - mode "exit": exits with the number in the global `code` (os.Exit);
//   - mode "sleep": sleeps 20 ms in a goroutine (runtime.sleepTicks, go_scheduler) and reports it;
//   - mode "serve": registers add, upper and reverseBytes (js.FuncOf) and blocks;
//   - a global `wapc` (the fake-waPC host object): registers __guest_call with the operations
//     "echo" and "hello" (host call binding tck, namespace test, operation hello) and blocks.
package main

import (
	"fmt"
	"os"
	"strings"
	"syscall/js"
	"time"
)

func main() {
	global := js.Global()
	if wapc := global.Get("wapc"); wapc.Truthy() {
		serveWapc(wapc)
	}
	switch mode := global.Get("mode"); {
	case mode.IsUndefined():
		fmt.Println("Hello from TinyGo!")
		fmt.Fprintln(os.Stderr, "hello: a line on stderr")
	case mode.String() == "exit":
		code := global.Get("code").Int()
		fmt.Fprintf(os.Stderr, "hello: exiting with %d\n", code)
		os.Exit(code)
	case mode.String() == "sleep":
		done := make(chan time.Duration)
		go func() {
			start := time.Now()
			time.Sleep(20 * time.Millisecond)
			done <- time.Since(start)
		}()
		fmt.Println("slept at least 20ms:", <-done >= 20*time.Millisecond)
	case mode.String() == "serve":
		serve(global)
	default:
		fmt.Fprintf(os.Stderr, "hello: unknown mode %q\n", mode.String())
		os.Exit(2)
	}
}

func serve(global js.Value) {
	global.Set("add", js.FuncOf(func(this js.Value, args []js.Value) any {
		return args[0].Float() + args[1].Float()
	}))
	global.Set("upper", js.FuncOf(func(this js.Value, args []js.Value) any {
		return strings.ToUpper(args[0].String())
	}))
	global.Set("reverseBytes", js.FuncOf(func(this js.Value, args []js.Value) any {
		b := bytesOf(args[0])
		for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
			b[i], b[j] = b[j], b[i]
		}
		return toJS(b)
	}))
	fmt.Println("hello: serving")
	select {}
}

func serveWapc(wapc js.Value) {
	js.Global().Set("__guest_call", js.FuncOf(func(this js.Value, args []js.Value) any {
		op, payload := args[0].String(), bytesOf(args[1])
		switch op {
		case "echo":
			wapc.Call("__guest_response", toJS(payload))
		case "hello":
			res := wapc.Call("__host_call", toJS([]byte("tck")), toJS([]byte("test")), toJS([]byte("hello")),
				toJS(payload))
			if msg := res.Index(1); !msg.IsNull() {
				wapc.Call("__guest_error", toJS([]byte("host call failed: "+msg.String())))
				return nil
			}
			wapc.Call("__guest_response", res.Index(0))
		default:
			wapc.Call("__guest_error", toJS([]byte(`Could not find function "`+op+`"`)))
		}
		return nil
	}))
	select {}
}

func bytesOf(v js.Value) []byte {
	b := make([]byte, v.Length())
	js.CopyBytesToGo(b, v)
	return b
}

func toJS(b []byte) js.Value {
	v := js.Global().Get("Uint8Array").New(len(b))
	js.CopyBytesToJS(v, b)
	return v
}
