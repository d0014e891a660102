// Guest wapc-echo: the shared waPC operation set (docs/guests.md, "waPC guests") in standard Go,
// on wasm-tck's own waPC library (../wapc). Built as a WASI reactor:
//
//	GOOS=wasip1 GOARCH=wasm go build -buildmode=c-shared
//
// so it exports _initialize (the host calls it once; it runs the init functions below, including
// the host call that "init-calls" reports) and __guest_call; main is never run.
package main

import (
	"bytes"
	"errors"
	"strconv"
	"unsafe"

	"github.com/vmihailenco/msgpack/v5"
	"wasm-tck.dev/guests/go/wapc"
)

// initAnswer is what the host answered to the host call made during initialisation.
var initAnswer []byte

var count uint64

func init() {
	resp, err := wapc.HostCall("tck", "init", "hello", []byte("init"))
	if err != nil {
		initAnswer = []byte("no answer: " + err.Error())
	} else {
		initAnswer = resp
	}
	wapc.RegisterFunctions(map[string]wapc.Function{
		"echo":             func(p []byte) ([]byte, error) { return p, nil },
		"upper":            upper,
		"msgpack-add":      msgpackAdd,
		"fail":             func([]byte) ([]byte, error) { return nil, errors.New("failed on purpose") },
		"fail-unicode":     func([]byte) ([]byte, error) { return nil, errors.New("échec: ошибка ✓") },
		"host-echo":        hostEcho,
		"host-fail":        hostFail,
		"trap-after-error": trapAfterError,
		"log":              logLine,
		"init-calls":       func([]byte) ([]byte, error) { return initAnswer, nil },
		"count": func([]byte) ([]byte, error) {
			count++
			return []byte(strconv.FormatUint(count, 10)), nil
		},
	})
}

func main() {}

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
	dec := msgpack.NewDecoder(r)
	v, err := dec.DecodeInterface()
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

func hostEcho(p []byte) ([]byte, error) {
	resp, err := wapc.HostCall("tck", "test", "echo", p)
	if err != nil {
		return nil, errors.New("host call failed: " + err.Error())
	}
	return resp, nil
}

func hostFail(p []byte) ([]byte, error) {
	_, err := wapc.HostCall("tck", "test", "fail", p)
	if err == nil {
		return nil, errors.New("host-fail: the host call succeeded")
	}
	return []byte(err.Error()), nil
}

// trapAfterError sets the guest error, then loads from an address far beyond linear memory: a
// real wasm trap (a Go panic would instead end the instance through WASI proc_exit(2)).
func trapAfterError([]byte) ([]byte, error) {
	wapc.GuestError("about to trap")
	bad := (*byte)(unsafe.Pointer(uintptr(0xFFFFFFF0)))
	return []byte{*bad}, nil
}

func logLine(p []byte) ([]byte, error) {
	wapc.ConsoleLog("log: " + string(p))
	return []byte("logged"), nil
}
