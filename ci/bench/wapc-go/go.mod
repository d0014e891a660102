module wasmtck.dev/bench/wapc-go

go 1.22

require (
	github.com/tetratelabs/wazero v1.7.3
	github.com/wapc/wapc-go v0.7.0
)

require github.com/Workiva/go-datastructures v1.1.5 // indirect
