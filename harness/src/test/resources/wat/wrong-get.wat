;; env.get takes four parameters, which no form of the bridge has.
(module
  (import "env" "get" (func $get (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (func (export "call") (param $ptr i32) (param $len i32)
    (call $get (local.get $ptr) (local.get $len) (local.get $ptr) (local.get $len)))
  (func (export "callback") (param i32 i32) (result i32) (i32.const 0)))
