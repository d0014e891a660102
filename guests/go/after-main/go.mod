module wasm-tck.dev/guests/go/after-main

go 1.19
