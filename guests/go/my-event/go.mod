module wasm-tck.dev/guests/go/my-event

go 1.19
