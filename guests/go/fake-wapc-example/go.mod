module wasm-tck.dev/guests/go/fake-wapc-example

go 1.19

require github.com/prep/wasmexec v0.0.0-00010101000000-000000000000

// The module proxy here does not serve github.com/prep/wasmexec: see ../prep-wasmexec-standin.
replace github.com/prep/wasmexec => ../prep-wasmexec-standin
