module wasm-tck.dev/guests/go/hello

go 1.19
