//go:build js && wasm

// Package wapc is wasm-tck's stand-in for github.com/prep/wasmexec/wapc: the same public API and
// JS protocol (see ../README.md), implemented independently because the module proxy here does
// not serve the original.
package wapc

import (
	"errors"
	"syscall/js"
)

// Function handles one operation.
type Function func(payload []byte) ([]byte, error)

// Functions maps operation names to their functions.
type Functions map[string]Function

var registered = Functions{}

// RegisterFunction makes fn answer the operation name.
func RegisterFunction(name string, fn Function) { registered[name] = fn }

// RegisterFunctions registers every entry; it returns at once (it does not block).
func RegisterFunctions(fns Functions) {
	for name, fn := range fns {
		registered[name] = fn
	}
}

// host is the global "wapc" object; the host must define it before the program starts.
var host = js.Global().Get("wapc")

func init() {
	js.Global().Set("__guest_call", js.FuncOf(onGuestCall))
}

func toJS(b []byte) js.Value {
	a := js.Global().Get("Uint8Array").New(len(b))
	js.CopyBytesToJS(a, b)
	return a
}

func fromJS(v js.Value) []byte {
	n := v.Get("length").Int()
	if n == 0 {
		return nil
	}
	b := make([]byte, n)
	js.CopyBytesToGo(b, v)
	return b
}

// HostCall asks the host to run operation in namespace under binding. The host answers
// [response, error]; a non-null error becomes the returned error (its JS string form).
func HostCall(binding, namespace, operation string, payload []byte) ([]byte, error) {
	answer := host.Call("__host_call", toJS([]byte(binding)), toJS([]byte(namespace)),
		toJS([]byte(operation)), toJS(payload))
	var resp []byte
	if r := answer.Index(0); !r.IsNull() && !r.IsUndefined() {
		resp = fromJS(r)
	}
	if e := answer.Index(1); !e.IsNull() && !e.IsUndefined() {
		return resp, errors.New(e.String())
	}
	return resp, nil
}

func setError(msg string) { host.Call("__guest_error", toJS([]byte(msg))) }

func onGuestCall(_ js.Value, args []js.Value) interface{} {
	if len(args) != 2 || args[0].Type() != js.TypeString ||
		args[1].Type() != js.TypeObject || !args[1].InstanceOf(js.Global().Get("Uint8Array")) {
		return false
	}
	op := args[0].String()
	fn, ok := registered[op]
	if !ok {
		setError(`Could not find function "` + op + `"`)
		return false
	}
	payload := fromJS(args[1])
	// A goroutine, so that the operation may block (host calls that wait on JS promises, timers).
	go func() {
		resp, err := fn(payload)
		if err != nil {
			setError(err.Error())
			return
		}
		host.Call("__guest_response", toJS(resp))
	}()
	return true
}
