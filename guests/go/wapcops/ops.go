// Package wapcops is the shared waPC operation set of wasm-tck's Go waPC guests (docs/guests.md,
// "waPC guests"): one implementation, whatever waPC library a guest is built on. A guest supplies
// its library's host functions as a Host, makes the init-time host call with InitCall, and
// registers what Operations returns. Plain Go 1.19, so js/wasm guests built with Go 1.19 can use it.
package wapcops

import (
	"bytes"
	"errors"
	"strconv"
	"unsafe"

	"github.com/vmihailenco/msgpack/v5"
)

// Host is what the operations need from a waPC library.
type Host struct {
	// Call makes a host call; a failed call returns an error whose text is the host's error.
	Call func(binding, namespace, operation string, payload []byte) ([]byte, error)
	// Log writes one log line (the waPC __console_log where the library has it).
	Log func(line string)
	// GuestError sets the error message of the current guest call without ending it.
	GuestError func(msg string)
}

// Function is the shape of every operation.
type Function = func(payload []byte) ([]byte, error)

// InitCall makes the host call "init-calls" reports: binding "tck", namespace "init", operation
// "hello", payload "init". It returns the host's response, or "no answer: <error text>".
func InitCall(h Host) []byte {
	resp, err := h.Call("tck", "init", "hello", []byte("init"))
	if err != nil {
		return []byte("no answer: " + err.Error())
	}
	return resp
}

// Operations returns the operations by name; initAnswer is what InitCall returned (nil: the guest
// made no init call). Each call of Operations has its own "count" counter.
func Operations(h Host, initAnswer []byte) map[string]Function {
	var count uint64
	return map[string]Function{
		"echo":         func(p []byte) ([]byte, error) { return p, nil },
		"upper":        upper,
		"msgpack-add":  msgpackAdd,
		"fail":         func([]byte) ([]byte, error) { return nil, errors.New("failed on purpose") },
		"fail-unicode": func([]byte) ([]byte, error) { return nil, errors.New("échec: ошибка ✓") },
		"host-echo": func(p []byte) ([]byte, error) {
			resp, err := h.Call("tck", "test", "echo", p)
			if err != nil {
				return nil, errors.New("host call failed: " + err.Error())
			}
			return resp, nil
		},
		"host-fail": func(p []byte) ([]byte, error) {
			_, err := h.Call("tck", "test", "fail", p)
			if err == nil {
				return nil, errors.New("host-fail: the host call succeeded")
			}
			return []byte(err.Error()), nil
		},
		"trap-after-error": func([]byte) ([]byte, error) {
			h.GuestError("about to trap")
			trap()
			return nil, errors.New("trap-after-error: did not trap")
		},
		"log": func(p []byte) ([]byte, error) {
			h.Log("log: " + string(p))
			return []byte("logged"), nil
		},
		"init-calls": func([]byte) ([]byte, error) {
			if initAnswer == nil {
				return []byte("no answer: no host call during init"), nil
			}
			return initAnswer, nil
		},
		"count": func([]byte) ([]byte, error) {
			count++
			return []byte(strconv.FormatUint(count, 10)), nil
		},
		"reverse": reverse,
		"length": func(p []byte) ([]byte, error) {
			return []byte(strconv.Itoa(len(p))), nil
		},
		"host-chain": func(p []byte) ([]byte, error) {
			first, err := h.Call("tck", "chain", "first", p)
			if err != nil {
				return nil, errors.New("host-chain: first: " + err.Error())
			}
			second, err := h.Call("tck", "chain", "second", first)
			if err != nil {
				return nil, errors.New("host-chain: second: " + err.Error())
			}
			return second, nil
		},
	}
}

// reverse answers the payload's bytes in reverse order (binary-safe).
func reverse(p []byte) ([]byte, error) {
	out := make([]byte, len(p))
	for i, c := range p {
		out[len(p)-1-i] = c
	}
	return out, nil
}

// sink keeps the trapping load from being optimised away.
var sink byte

// trap loads from an address far beyond linear memory: a real wasm trap, not a Go panic (which
// would end a wasip1 instance through proc_exit(2), and a js/wasm one through the runtime's exit).
func trap() {
	sink = *(*byte)(unsafe.Pointer(uintptr(0xFFFFFFF0)))
}

// upper changes ASCII a-z only; other bytes (UTF-8 sequences included) stay as they are.
func upper(p []byte) ([]byte, error) {
	out := make([]byte, len(p))
	for i, c := range p {
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		out[i] = c
	}
	return out, nil
}

var errBadInput = errors.New("msgpack-add: bad input")

// asInt64 accepts the integer types the decoder produces for MessagePack ints within int64.
func asInt64(v interface{}) (int64, bool) {
	switch n := v.(type) {
	case int8:
		return int64(n), true
	case int16:
		return int64(n), true
	case int32:
		return int64(n), true
	case int64:
		return n, true
	case uint8:
		return int64(n), true
	case uint16:
		return int64(n), true
	case uint32:
		return int64(n), true
	case uint64:
		if n <= 1<<63-1 {
			return int64(n), true
		}
	}
	return 0, false
}

// msgpackAdd: exactly one MessagePack map with integers under "a" and "b" (other keys ignored)
// -> {sum: a+b} (int64, wrapping), smallest integer encoding.
func msgpackAdd(p []byte) ([]byte, error) {
	r := bytes.NewReader(p)
	v, err := msgpack.NewDecoder(r).DecodeInterface()
	if err != nil || r.Len() != 0 {
		return nil, errBadInput
	}
	m, ok := v.(map[string]interface{})
	if !ok {
		return nil, errBadInput
	}
	a, okA := asInt64(m["a"])
	b, okB := asInt64(m["b"])
	if !okA || !okB {
		return nil, errBadInput
	}
	var buf bytes.Buffer
	enc := msgpack.NewEncoder(&buf)
	enc.UseCompactInts(true)
	if err := enc.Encode(map[string]int64{"sum": a + b}); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
