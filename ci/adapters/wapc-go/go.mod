module wasmtck.dev/adapters/wapc-go

go 1.22

require (
	github.com/vmihailenco/msgpack/v5 v5.4.1
	github.com/wapc/wapc-go v0.7.0
)
