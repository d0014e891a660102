;; Seed form without an allocator, laid out like emscripten: data at 1024. Only runs with
;; placement: fixed-offset (input at 1, the answer at ptr+len of the get).
(module
  (import "env" "get" (func $get (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 1024) "guest data here!")
  (func (export "call") (param $ptr i32) (param $len i32)
    (call $get (local.get $ptr) (local.get $len)))
  ;; result struct at 2048
  (func (export "callback") (param $ptr i32) (param $len i32) (result i32)
    (i32.store (i32.const 2048) (local.get $ptr))
    (i32.store (i32.const 2052) (local.get $len))
    (i32.const 2048)))
