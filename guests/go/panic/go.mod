module wasm-tck.dev/guests/go/panic

go 1.19
