;; The shape of a Go js/wasm binary (GOOS=js GOARCH=wasm, Go 1.21+): exports mem, run, resume and
;; getsp, and imports from gojs taking the stack pointer, (i32) -> (). run exits at once with code 0
;; (runtime.wasmExit reads the code at sp+8, which is zero). Links on wasm-exec and as fake waPC.
(module
  (import "gojs" "runtime.wasmExit" (func $exit (param i32)))
  (import "gojs" "runtime.wasmWrite" (func $write (param i32)))
  (memory (export "mem") 1)
  (func (export "getsp") (result i32) (i32.const 1024))
  (func (export "resume"))
  (func (export "run") (param $argc i32) (param $argv i32)
    (call $exit (i32.const 1024))))
