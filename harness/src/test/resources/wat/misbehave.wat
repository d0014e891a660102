;; One guest, several ways to break the protocol, chosen by the first input byte:
;;   1: get with a pointer past the end of memory
;;   2: get with bytes that are not MessagePack (0xc1)
;;   3: callback returns a result struct pointer outside memory
;;   4: callback returns a struct whose data runs past the end of memory
;;   5: callback returns 0 and nothing is outstanding
;;   6: call returns without calling get
;;   7: call loops forever
;;   8: call grows memory one page at a time until it fails, then traps
;;   9: the callback traps
(module
  (import "env" "get" (func $get (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 64) "\c1")
  (global $heap (mut i32) (i32.const 4096))
  (global $mode (mut i32) (i32.const 0))
  (func (export "malloc") (param $n i32) (result i32)
    (local $p i32)
    (local.set $p (global.get $heap))
    (global.set $heap (i32.add (global.get $heap) (local.get $n)))
    (local.get $p))
  (func (export "call") (param $ptr i32) (param $len i32)
    (global.set $mode (i32.load8_u (local.get $ptr)))
    (if (i32.eq (global.get $mode) (i32.const 1))
      (then (call $get (i32.const 65530) (i32.const 16)) (return)))
    (if (i32.eq (global.get $mode) (i32.const 2))
      (then (call $get (i32.const 64) (i32.const 1)) (return)))
    (if (i32.eq (global.get $mode) (i32.const 6))
      (then (return)))
    (if (i32.eq (global.get $mode) (i32.const 7))
      (then (loop $forever (br $forever))))
    (if (i32.eq (global.get $mode) (i32.const 8))
      (then
        (block $full
          (loop $grow
            (br_if $full (i32.eq (memory.grow (i32.const 1)) (i32.const -1)))
            (br $grow)))
        unreachable))
    (call $get (local.get $ptr) (local.get $len)))
  (func (export "callback") (param $ptr i32) (param $len i32) (result i32)
    (if (i32.eq (global.get $mode) (i32.const 3))
      (then (return (i32.const 70000))))
    (if (i32.eq (global.get $mode) (i32.const 4))
      (then
        (i32.store (i32.const 16) (i32.const 60000))
        (i32.store (i32.const 20) (i32.const 10000))
        (return (i32.const 16))))
    (if (i32.eq (global.get $mode) (i32.const 9))
      (then (drop (i32.div_u (i32.const 1) (i32.const 0)))))
    (i32.const 0)))
