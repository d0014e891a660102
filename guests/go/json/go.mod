module wasm-tck.dev/guests/go/json

go 1.19
