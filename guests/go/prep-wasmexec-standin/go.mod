module github.com/prep/wasmexec

go 1.19
