module wasm-tck.dev/guests/go/wapc

go 1.24
