module wasm-tck.dev/guests/tinygo/hello

go 1.22
