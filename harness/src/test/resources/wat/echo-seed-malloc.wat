;; Seed form with a bump allocator: answers with whatever the single get resolves to.
(module
  (import "env" "get" (func $get (param i32 i32)))
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 4096))
  (func (export "malloc") (param $n i32) (result i32)
    (local $p i32)
    (local.set $p (global.get $heap))
    (global.set $heap
      (i32.and (i32.add (i32.add (global.get $heap) (local.get $n)) (i32.const 7)) (i32.const -8)))
    (local.get $p))
  (func (export "call") (param $ptr i32) (param $len i32)
    (call $get (local.get $ptr) (local.get $len)))
  ;; result struct {data, len} at 16
  (func (export "callback") (param $ptr i32) (param $len i32) (result i32)
    (i32.store (i32.const 16) (local.get $ptr))
    (i32.store (i32.const 20) (local.get $len))
    (i32.const 16)))
