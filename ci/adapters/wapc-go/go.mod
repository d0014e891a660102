module wasmtck.dev/adapters/wapc-go

go 1.22

require (
	github.com/vmihailenco/msgpack/v5 v5.4.1
	github.com/wapc/wapc-go v0.7.0
)

require (
	github.com/Workiva/go-datastructures v1.1.5 // indirect
	github.com/tetratelabs/wazero v1.7.3 // indirect
	github.com/vmihailenco/tagparser/v2 v2.0.0 // indirect
)
