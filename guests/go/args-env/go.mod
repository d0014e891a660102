module wasm-tck.dev/guests/go/args-env

go 1.19
