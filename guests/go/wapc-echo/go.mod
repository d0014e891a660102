module wasm-tck.dev/guests/go/wapc-echo

go 1.24

require (
	github.com/vmihailenco/msgpack/v5 v5.4.1
	wasm-tck.dev/guests/go/wapc v0.0.0
)

require github.com/vmihailenco/tagparser/v2 v2.0.0 // indirect

replace wasm-tck.dev/guests/go/wapc => ../wapc
