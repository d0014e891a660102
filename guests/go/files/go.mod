module wasm-tck.dev/guests/go/files

go 1.19
