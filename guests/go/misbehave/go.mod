module wasm-tck.dev/guests/go/misbehave

go 1.19
