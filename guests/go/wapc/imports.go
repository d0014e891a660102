//go:build wasip1

package wapc

import "unsafe"

// The waPC host functions. Pointers are offsets into the guest's linear memory; the host reads
// from them (names, payloads, messages) or writes into them (request, responses, errors).

//go:wasmimport wapc __guest_request
func guestRequest(op unsafe.Pointer, payload unsafe.Pointer)

//go:wasmimport wapc __guest_response
func guestResponse(ptr unsafe.Pointer, length uint32)

//go:wasmimport wapc __guest_error
func guestError(ptr unsafe.Pointer, length uint32)

//go:wasmimport wapc __host_call
func hostCall(bindingPtr unsafe.Pointer, bindingLen uint32,
	namespacePtr unsafe.Pointer, namespaceLen uint32,
	operationPtr unsafe.Pointer, operationLen uint32,
	payloadPtr unsafe.Pointer, payloadLen uint32) uint32

//go:wasmimport wapc __host_response_len
func hostResponseLen() uint32

//go:wasmimport wapc __host_response
func hostResponse(ptr unsafe.Pointer)

//go:wasmimport wapc __host_error_len
func hostErrorLen() uint32

//go:wasmimport wapc __host_error
func hostError(ptr unsafe.Pointer)

//go:wasmimport wapc __console_log
func consoleLog(ptr unsafe.Pointer, length uint32)
