// Guest msgpack: MessagePack through github.com/vmihailenco/msgpack/v5 (a third-party module,
// downloaded from the Go module proxy at build time; go.sum pins it).
//   - global transform(Uint8Array) Uint8Array: decodes one MessagePack map, sets key "seen" to
//     true (other entries echoed), encodes it back with sorted keys and the smallest integer
//     encodings. Input that is not a map gives the encoding of {"error": "<text>"}.
//   - global describe(Uint8Array) string: Go's %v of the decoded value, or "error: <text>".
//
// main prints "msgpack: ready" and blocks forever (select {}).
package main

import (
	"bytes"
	"fmt"
	"syscall/js"

	"github.com/vmihailenco/msgpack/v5"
)

func argBytes(args []js.Value) ([]byte, error) {
	if len(args) < 1 || !args[0].InstanceOf(js.Global().Get("Uint8Array")) {
		return nil, fmt.Errorf("expected a Uint8Array")
	}
	b := make([]byte, args[0].Get("length").Int())
	js.CopyBytesToGo(b, args[0])
	return b, nil
}

func toJS(b []byte) js.Value {
	out := js.Global().Get("Uint8Array").New(len(b))
	js.CopyBytesToJS(out, b)
	return out
}

func encode(v interface{}) []byte {
	var buf bytes.Buffer
	enc := msgpack.NewEncoder(&buf)
	enc.SetSortMapKeys(true)
	enc.UseCompactInts(true) // smallest integer encodings, as the C guests write them
	if err := enc.Encode(v); err != nil {
		panic(err) // maps of decoded values always encode
	}
	return buf.Bytes()
}

func transform(in []byte) []byte {
	var m map[string]interface{}
	if err := msgpack.Unmarshal(in, &m); err != nil {
		return encode(map[string]interface{}{"error": err.Error()})
	}
	if m == nil {
		return encode(map[string]interface{}{"error": "transform expects a map"})
	}
	m["seen"] = true
	return encode(m)
}

func main() {
	js.Global().Set("transform", js.FuncOf(func(this js.Value, args []js.Value) interface{} {
		in, err := argBytes(args)
		if err != nil {
			return toJS(encode(map[string]interface{}{"error": err.Error()}))
		}
		return toJS(transform(in))
	}))
	js.Global().Set("describe", js.FuncOf(func(this js.Value, args []js.Value) interface{} {
		in, err := argBytes(args)
		if err != nil {
			return "error: " + err.Error()
		}
		var v interface{}
		if err := msgpack.Unmarshal(in, &v); err != nil {
			return "error: " + err.Error()
		}
		return fmt.Sprintf("%v", v)
	}))
	fmt.Println("msgpack: ready")
	select {}
}
