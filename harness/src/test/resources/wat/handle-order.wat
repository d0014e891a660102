;; Handle form: call issues three gets (payloads 1, 2 and 3, positive fixints). Each callback appends
;; the handle and the first byte of the answer to an array; after the third it returns the MessagePack
;; array [h, p, h, p, h, p] in the order the answers arrived.
(module
  (import "env" "get" (func $get (param i32 i32) (result i32)))
  (import "env" "emscripten_notify_memory_growth" (func $grown (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 100) "\01\02\03")
  (global $heap (mut i32) (i32.const 4096))
  (global $count (mut i32) (i32.const 0))
  (func (export "malloc") (param $n i32) (result i32)
    (local $p i32)
    (local.set $p (global.get $heap))
    (global.set $heap (i32.add (global.get $heap) (local.get $n)))
    (local.get $p))
  (func (export "call") (param $ptr i32) (param $len i32)
    (drop (call $get (i32.const 100) (i32.const 1)))
    (drop (call $get (i32.const 101) (i32.const 1)))
    (drop (call $get (i32.const 102) (i32.const 1))))
  ;; results: 0x96 at 200, then pairs from 201; struct at 16
  (func (export "callback") (param $handle i32) (param $ptr i32) (param $len i32) (result i32)
    (local $at i32)
    (local.set $at (i32.add (i32.const 201) (i32.shl (global.get $count) (i32.const 1))))
    (i32.store8 (local.get $at) (local.get $handle))
    (i32.store8 (i32.add (local.get $at) (i32.const 1)) (i32.load8_u (local.get $ptr)))
    (global.set $count (i32.add (global.get $count) (i32.const 1)))
    (if (result i32) (i32.lt_u (global.get $count) (i32.const 3))
      (then (i32.const 0))
      (else
        (i32.store8 (i32.const 200) (i32.const 0x96))
        (i32.store (i32.const 16) (i32.const 200))
        (i32.store (i32.const 20) (i32.const 7))
        (i32.const 16)))))
