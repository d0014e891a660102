;; gojs-mini.wat with runtime.wasmWrite imported as (i32, i32) -> (): every Go js/wasm import takes
;; only the stack pointer, so the wasm-exec rules refuse it and the host does not link it
;; (RulesEqualLinkTest).
(module
  (import "gojs" "runtime.wasmExit" (func $exit (param i32)))
  (import "gojs" "runtime.wasmWrite" (func $write (param i32 i32)))
  (memory (export "mem") 1)
  (func (export "getsp") (result i32) (i32.const 1024))
  (func (export "resume"))
  (func (export "run") (param $argc i32) (param $argv i32)
    (call $exit (i32.const 1024))))
