module wasm-tck.dev/guests/tinygo/wapc-echo

go 1.22

require github.com/wapc/wapc-guest-tinygo v0.3.3
