//go:build wasip1

// Package wapc is wasm-tck's own minimal waPC guest library for standard Go (1.24 or later)
// compiled with GOOS=wasip1 GOARCH=wasm -buildmode=c-shared. It imports the waPC host functions
// from the module "wapc" with //go:wasmimport and exports __guest_call with //go:wasmexport.
//
// Guests register their operations by name, usually in an init function (with -buildmode=c-shared
// main.main never runs: the host calls _initialize, which runs package initialisation, and then
// __guest_call). Host calls are allowed from init functions.
package wapc

import "unsafe"

// Function handles one operation: the payload in, the response or an error out.
type Function func(payload []byte) ([]byte, error)

var functions = map[string]Function{}

// RegisterFunction makes fn answer the operation name (a later registration replaces it).
func RegisterFunction(name string, fn Function) {
	functions[name] = fn
}

// RegisterFunctions registers every entry of fns.
func RegisterFunctions(fns map[string]Function) {
	for name, fn := range fns {
		RegisterFunction(name, fn)
	}
}

// HostError is the error HostCall returns when the host reports a failure; Message is the host's
// error text (empty when the host gave none).
type HostError struct {
	Message string
}

func (e *HostError) Error() string { return e.Message }

// ptr is the address of b's first byte, or nil for an empty slice.
func ptr(b []byte) unsafe.Pointer {
	if len(b) == 0 {
		return nil
	}
	return unsafe.Pointer(&b[0])
}

func strPtr(s string) unsafe.Pointer {
	if len(s) == 0 {
		return nil
	}
	return unsafe.Pointer(unsafe.StringData(s))
}

// HostCall asks the host to run operation in namespace under binding with payload. It returns the
// host's response, or a *HostError carrying the host's error text.
func HostCall(binding, namespace, operation string, payload []byte) ([]byte, error) {
	ok := hostCall(strPtr(binding), uint32(len(binding)),
		strPtr(namespace), uint32(len(namespace)),
		strPtr(operation), uint32(len(operation)),
		ptr(payload), uint32(len(payload)))
	if ok != 1 {
		msg := make([]byte, hostErrorLen())
		if len(msg) > 0 {
			hostError(ptr(msg))
		}
		return nil, &HostError{Message: string(msg)}
	}
	resp := make([]byte, hostResponseLen())
	if len(resp) > 0 {
		hostResponse(ptr(resp))
	}
	return resp, nil
}

// ConsoleLog sends one line to the host's log.
func ConsoleLog(msg string) {
	consoleLog(strPtr(msg), uint32(len(msg)))
}

// GuestError reports msg as the error of the current call. Operations normally return an error
// instead; this is for guests that want to set a message and then fail some other way.
func GuestError(msg string) {
	guestError(strPtr(msg), uint32(len(msg)))
}

//go:wasmexport __guest_call
func guestCall(operationLen uint32, payloadLen uint32) uint32 {
	buf := make([]byte, int(operationLen)+int(payloadLen))
	op, payload := buf[:operationLen], buf[operationLen:]
	guestRequest(ptr(op), ptr(payload))
	fn, found := functions[string(op)]
	if !found {
		GuestError(`Could not find function "` + string(op) + `"`)
		return 0
	}
	resp, err := fn(payload)
	if err != nil {
		GuestError(err.Error())
		return 0
	}
	guestResponse(ptr(resp), uint32(len(resp)))
	return 1
}
