;; Seed form: the first callback passes its answer to a second get (chained) and returns 0;
;; the second callback's answer is the result.
(module
  (import "env" "get" (func $get (param i32 i32)))
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 4096))
  (global $calls (mut i32) (i32.const 0))
  (func (export "malloc") (param $n i32) (result i32)
    (local $p i32)
    (local.set $p (global.get $heap))
    (global.set $heap (i32.add (global.get $heap) (local.get $n)))
    (local.get $p))
  (func (export "call") (param $ptr i32) (param $len i32)
    (call $get (local.get $ptr) (local.get $len)))
  (func (export "callback") (param $ptr i32) (param $len i32) (result i32)
    (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
    (if (result i32) (i32.eq (global.get $calls) (i32.const 1))
      (then
        (call $get (local.get $ptr) (local.get $len))
        (i32.const 0))
      (else
        (i32.store (i32.const 16) (local.get $ptr))
        (i32.store (i32.const 20) (local.get $len))
        (i32.const 16)))))
