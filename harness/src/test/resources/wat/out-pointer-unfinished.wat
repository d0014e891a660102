;; An out-pointer-form guest whose callback writes nothing and starts no other get. call leaves
;; stale bytes {16, 4} at out first: the host must clear the struct before the callback, so the
;; answer reads as "not finished" (a protocol fault with nothing outstanding), not as those bytes.
(module
  (import "env" "get" (func $get (param i32 i32 i32)))
  (memory (export "memory") 1)
  (func (export "call") (param $ptr i32) (param $len i32)
    (i32.store (i32.const 2048) (i32.const 16))
    (i32.store (i32.const 2052) (i32.const 4))
    (call $get (local.get $ptr) (local.get $len) (i32.const 2048)))
  (func (export "callback") (param i32 i32 i32)))
