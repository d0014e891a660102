module wasm-tck.dev/guests/go/host-js

go 1.19
