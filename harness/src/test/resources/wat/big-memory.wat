;; Starts with 3 pages of memory.
(module
  (import "env" "get" (func $get (param i32 i32)))
  (memory (export "memory") 3)
  (func (export "malloc") (param i32) (result i32) (i32.const 1024))
  (func (export "call") (param $ptr i32) (param $len i32)
    (call $get (local.get $ptr) (local.get $len)))
  (func (export "callback") (param i32 i32) (result i32) (i32.const 0)))
