module wasm-tck.dev/guests/go/goroutines

go 1.19
