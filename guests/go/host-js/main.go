// Guest host-js: calls into JS values the host provides on the global object.
//   - hostAdd(2, 40) must return a number: prints "hostAdd(2, 40) = 42".
//   - hostGreet("Go") must return a string: prints "hostGreet: <result>".
//   - hostFail() must throw: the Go side panics with a js.Error, which is recovered and printed
//     as "hostFail threw: <message>".
//   - config, an object with name (string), version (number) and debug (boolean): prints
//     "config.name=... config.version=... config.debug=...".
//
// A missing function or object is reported as "<name>: missing" on stderr and makes the exit
// code 1; otherwise main returns (exit 0).
package main

import (
	"fmt"
	"os"
	"syscall/js"
)

var failed bool

func global(name string, t js.Type) (js.Value, bool) {
	v := js.Global().Get(name)
	if v.Type() != t {
		fmt.Fprintf(os.Stderr, "%s: missing (%s, want %s)\n", name, v.Type(), t)
		failed = true
		return v, false
	}
	return v, true
}

// callCatching calls f with args and turns a thrown JS exception into an error.
func callCatching(f js.Value, args ...interface{}) (result js.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			if jsErr, ok := r.(js.Error); ok {
				err = jsErr
				return
			}
			panic(r)
		}
	}()
	return f.Invoke(args...), nil
}

func main() {
	if add, ok := global("hostAdd", js.TypeFunction); ok {
		fmt.Printf("hostAdd(2, 40) = %d\n", add.Invoke(2, 40).Int())
	}
	if greet, ok := global("hostGreet", js.TypeFunction); ok {
		fmt.Printf("hostGreet: %s\n", greet.Invoke("Go").String())
	}
	if fail, ok := global("hostFail", js.TypeFunction); ok {
		if _, err := callCatching(fail); err != nil {
			fmt.Printf("hostFail threw: %s\n", err.(js.Error).Get("message").String())
		} else {
			fmt.Println("hostFail returned without throwing")
			failed = true
		}
	}
	if cfg, ok := global("config", js.TypeObject); ok {
		fmt.Printf("config.name=%s config.version=%d config.debug=%t\n",
			cfg.Get("name").String(), cfg.Get("version").Int(), cfg.Get("debug").Bool())
	}
	if failed {
		os.Exit(1)
	}
}
