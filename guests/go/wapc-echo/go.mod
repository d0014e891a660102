module wasm-tck.dev/guests/go/wapc-echo

go 1.24

require (
	wasm-tck.dev/guests/go/wapc v0.0.0
	wasm-tck.dev/guests/go/wapcops v0.0.0
)

require (
	github.com/vmihailenco/msgpack/v5 v5.4.1 // indirect
	github.com/vmihailenco/tagparser/v2 v2.0.0 // indirect
)

replace (
	wasm-tck.dev/guests/go/wapc => ../wapc
	wasm-tck.dev/guests/go/wapcops => ../wapcops
)
