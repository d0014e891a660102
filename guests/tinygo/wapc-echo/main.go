// Guest tinygo/wapc-echo: the shared waPC operation set (docs/guests.md, "waPC guests") in TinyGo
// on the public SDK github.com/wapc/wapc-guest-tinygo. TinyGo >= 0.35 recipe: -buildmode=c-shared
// makes a WASI reactor (exports _initialize); the operations are registered, and the init-time
// host call made, in wapc_init, which hosts call after _initialize.
//
// Self-contained on purpose (no ../wapcops): TinyGo's limited reflection does not suit the
// reflection-based MessagePack library, so msgpack-add decodes its map by hand.
package main

import (
	"errors"
	"strconv"
	"strings"
	"unsafe"

	wapc "github.com/wapc/wapc-guest-tinygo"
)

var (
	initAnswer []byte
	count      uint64
)

// The SDK's HostError text is "Host error: <host's text>"; the shared spec wants the host's text.
func hostText(err error) string {
	return strings.TrimPrefix(err.Error(), "Host error: ")
}

//go:wasmexport wapc_init
func wapcInit() {
	if resp, err := wapc.HostCall("tck", "init", "hello", []byte("init")); err != nil {
		initAnswer = []byte("no answer: " + hostText(err))
	} else {
		initAnswer = resp
	}
	wapc.RegisterFunctions(wapc.Functions{
		"echo":             func(p []byte) ([]byte, error) { return p, nil },
		"upper":            upper,
		"msgpack-add":      msgpackAdd,
		"fail":             func([]byte) ([]byte, error) { return nil, errors.New("failed on purpose") },
		"fail-unicode":     func([]byte) ([]byte, error) { return nil, errors.New("échec: ошибка ✓") },
		"host-echo":        hostEcho,
		"host-fail":        hostFail,
		"trap-after-error": trapAfterError,
		"log": func(p []byte) ([]byte, error) {
			wapc.ConsoleLog("log: " + string(p))
			return []byte("logged"), nil
		},
		"init-calls": func([]byte) ([]byte, error) {
			if initAnswer == nil {
				return []byte("no answer: wapc_init was not called"), nil
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
		"host-chain": hostChain,
	})
}

func reverse(p []byte) ([]byte, error) {
	out := make([]byte, len(p))
	for i, c := range p {
		out[len(p)-1-i] = c
	}
	return out, nil
}

func hostChain(p []byte) ([]byte, error) {
	first, err := wapc.HostCall("tck", "chain", "first", p)
	if err != nil {
		return nil, errors.New("host-chain: first: " + hostText(err))
	}
	second, err := wapc.HostCall("tck", "chain", "second", first)
	if err != nil {
		return nil, errors.New("host-chain: second: " + hostText(err))
	}
	return second, nil
}

func main() {}

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

func hostEcho(p []byte) ([]byte, error) {
	resp, err := wapc.HostCall("tck", "test", "echo", p)
	if err != nil {
		return nil, errors.New("host call failed: " + hostText(err))
	}
	return resp, nil
}

func hostFail(p []byte) ([]byte, error) {
	if _, err := wapc.HostCall("tck", "test", "fail", p); err != nil {
		return []byte(hostText(err)), nil
	}
	return nil, errors.New("host-fail: the host call succeeded")
}

//go:wasmimport wapc __guest_error
func guestError(ptr unsafe.Pointer, length uint32)

var sink byte

// trapAfterError sets the error, then loads far beyond linear memory: a wasm trap.
func trapAfterError([]byte) ([]byte, error) {
	msg := []byte("about to trap")
	guestError(unsafe.Pointer(&msg[0]), uint32(len(msg)))
	sink = *(*byte)(unsafe.Pointer(uintptr(0xFFFFFFF0)))
	return nil, errors.New("trap-after-error: did not trap")
}

// ---- msgpack-add: a minimal MessagePack reader ----

var errBadInput = errors.New("msgpack-add: bad input")

type reader struct {
	b   []byte
	pos int
	bad bool
}

func (r *reader) byte1() byte {
	if r.pos >= len(r.b) {
		r.bad = true
		return 0
	}
	c := r.b[r.pos]
	r.pos++
	return c
}

func (r *reader) uint(n int) uint64 {
	var x uint64
	for i := 0; i < n; i++ {
		x = x<<8 | uint64(r.byte1())
	}
	return x
}

func (r *reader) skipBytes(n uint64) {
	if uint64(len(r.b)-r.pos) < n {
		r.bad = true
		return
	}
	r.pos += int(n)
}

// value reads one value. For an int (within int64) it returns it with isInt; for a str, its
// bytes; containers are read completely (depth-limited).
func (r *reader) value(depth int) (n int64, isInt bool, str []byte, mapLen int) {
	if depth > 64 {
		r.bad = true
		return
	}
	c := r.byte1()
	switch {
	case r.bad:
		return
	case c <= 0x7f:
		return int64(c), true, nil, -1
	case c >= 0xe0:
		return int64(int8(c)), true, nil, -1
	case c&0xf0 == 0x80:
		return 0, false, nil, int(c & 0x0f)
	case c&0xf0 == 0x90:
		r.skipValues(int(c&0x0f), depth)
		return 0, false, nil, -1
	case c&0xe0 == 0xa0:
		start := r.pos
		r.skipBytes(uint64(c & 0x1f))
		return 0, false, r.b[start:r.pos], -1
	}
	switch c {
	case 0xc0, 0xc2, 0xc3:
	case 0xc4, 0xc5, 0xc6:
		r.skipBytes(r.uint(1 << (c - 0xc4)))
	case 0xc7, 0xc8, 0xc9:
		l := r.uint(1 << (c - 0xc7))
		r.skipBytes(1 + l)
	case 0xca:
		r.skipBytes(4)
	case 0xcb:
		r.skipBytes(8)
	case 0xcc, 0xcd, 0xce, 0xcf:
		u := r.uint(1 << (c - 0xcc))
		if u <= 1<<63-1 {
			return int64(u), true, nil, -1
		}
	case 0xd0:
		return int64(int8(r.uint(1))), true, nil, -1
	case 0xd1:
		return int64(int16(r.uint(2))), true, nil, -1
	case 0xd2:
		return int64(int32(r.uint(4))), true, nil, -1
	case 0xd3:
		return int64(r.uint(8)), true, nil, -1
	case 0xd4, 0xd5, 0xd6, 0xd7, 0xd8:
		r.skipBytes(1 + 1<<(c-0xd4))
	case 0xd9, 0xda, 0xdb:
		l := r.uint(1 << (c - 0xd9))
		start := r.pos
		r.skipBytes(l)
		if !r.bad {
			return 0, false, r.b[start:r.pos], -1
		}
	case 0xdc, 0xdd:
		r.skipValues(int(r.uint(2<<(c-0xdc))), depth)
	case 0xde, 0xdf:
		return 0, false, nil, int(r.uint(2 << (c - 0xde)))
	default:
		r.bad = true
	}
	return 0, false, nil, -1
}

func (r *reader) skipValues(n int, depth int) {
	for i := 0; i < n && !r.bad; i++ {
		if _, _, _, m := r.value(depth + 1); m >= 0 {
			r.skipValues(2*m, depth+1)
		}
	}
}

func msgpackAdd(p []byte) ([]byte, error) {
	r := &reader{b: p}
	_, _, _, entries := r.value(0)
	if r.bad || entries < 0 {
		return nil, errBadInput
	}
	var a, b int64
	var haveA, haveB bool
	for i := 0; i < entries && !r.bad; i++ {
		_, _, key, m := r.value(1)
		if m >= 0 {
			r.skipValues(2*m, 1)
		}
		v, isInt, _, vm := r.value(1)
		if vm >= 0 {
			r.skipValues(2*vm, 1)
		}
		switch string(key) {
		case "a":
			a, haveA = v, isInt
		case "b":
			b, haveB = v, isInt
		}
	}
	if r.bad || r.pos != len(p) || !haveA || !haveB {
		return nil, errBadInput
	}
	// {sum: a+b} with the smallest integer encoding (non-negative values as uint).
	out := []byte{0x81, 0xa3, 's', 'u', 'm'}
	sum := a + b
	switch {
	case sum >= 0 && sum <= 0x7f, sum < 0 && sum >= -32:
		out = append(out, byte(sum))
	case sum >= 0:
		u := uint64(sum)
		switch {
		case u <= 0xff:
			out = append(out, 0xcc, byte(u))
		case u <= 0xffff:
			out = append(out, 0xcd, byte(u>>8), byte(u))
		case u <= 0xffffffff:
			out = append(out, 0xce, byte(u>>24), byte(u>>16), byte(u>>8), byte(u))
		default:
			out = append(out, 0xcf)
			out = appendBE(out, u, 8)
		}
	case sum >= -128:
		out = append(out, 0xd0, byte(sum))
	case sum >= -32768:
		out = append(out, 0xd1, byte(sum>>8), byte(sum))
	case sum >= -2147483648:
		out = append(out, 0xd2)
		out = appendBE(out, uint64(sum), 4)
	default:
		out = append(out, 0xd3)
		out = appendBE(out, uint64(sum), 8)
	}
	return out, nil
}

func appendBE(out []byte, u uint64, n int) []byte {
	for i := n - 1; i >= 0; i-- {
		out = append(out, byte(u>>(8*uint(i))))
	}
	return out
}
