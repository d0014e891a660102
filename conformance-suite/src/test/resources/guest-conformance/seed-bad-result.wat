;; A seed-form guest without an allocator that is broken for real: its callback returns a result
;; struct whose data lies far outside memory. Guest conformance runs it at the seed's fixed offsets
;; (it exports no malloc) and the profile still fails it, naming the struct.
;; Rebuild with: wat2wasm seed-bad-result.wat -o seed-bad-result.wasm
(module
  (import "env" "get" (func $get (param i32 i32)))
  (memory (export "memory") 1)
  (func (export "call") (param $ptr i32) (param $len i32)
    (call $get (local.get $ptr) (local.get $len)))
  (func (export "callback") (param $ptr i32) (param $len i32) (result i32)
    (i32.store (i32.const 2048) (i32.const 0x7fff0000))
    (i32.store (i32.const 2052) (local.get $len))
    (i32.const 2048)))
