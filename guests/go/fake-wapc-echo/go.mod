module wasm-tck.dev/guests/go/fake-wapc-echo

go 1.19

require (
	github.com/prep/wasmexec v0.0.0-00010101000000-000000000000
	wasm-tck.dev/guests/go/wapcops v0.0.0
)

require (
	github.com/vmihailenco/msgpack/v5 v5.4.1 // indirect
	github.com/vmihailenco/tagparser/v2 v2.0.0 // indirect
)

replace (
	// The module proxy here does not serve github.com/prep/wasmexec: see ../prep-wasmexec-standin.
	github.com/prep/wasmexec => ../prep-wasmexec-standin
	wasm-tck.dev/guests/go/wapcops => ../wapcops
)
