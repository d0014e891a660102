;; Stand-in for the out-pointer form: get(ptr, len, out) names the address of a result struct
;; {u32 data; u32 len}, and callback(ptr, len, out) fills it in instead of returning a pointer.
;; call hands its input to get with out = 2048. callback answers with the bytes it was given (an
;; echo), except that an answer of nil (one byte c0) makes it ask again with the original input and
;; leave the struct at {0, 0}: not finished yet. Data at 1024 as emscripten lays it out; malloc is a
;; bump allocator from 4096, so both placements work.
(module
  (import "env" "get" (func $get (param i32 i32 i32)))
  (memory (export "memory") 2)
  (data (i32.const 1024) "out-pointer guest data")
  (global $heap (mut i32) (i32.const 4096))
  (global $input_ptr (mut i32) (i32.const 0))
  (global $input_len (mut i32) (i32.const 0))
  (func (export "malloc") (param $size i32) (result i32)
    (local $block i32)
    (local.set $block (global.get $heap))
    ;; keep blocks 8-aligned; refuse what does not fit in the two pages
    (global.set $heap (i32.and (i32.add (i32.add (global.get $heap) (local.get $size)) (i32.const 7))
                               (i32.const -8)))
    (if (result i32) (i32.gt_u (global.get $heap) (i32.const 131072))
      (then (i32.const 0))
      (else (local.get $block))))
  (func (export "call") (param $ptr i32) (param $len i32)
    (global.set $input_ptr (local.get $ptr))
    (global.set $input_len (local.get $len))
    (call $get (local.get $ptr) (local.get $len) (i32.const 2048)))
  (func (export "callback") (param $ptr i32) (param $len i32) (param $out i32)
    (if (i32.and (i32.eq (local.get $len) (i32.const 1))
                 (i32.eq (i32.load8_u (local.get $ptr)) (i32.const 0xc0)))
      (then
        (call $get (global.get $input_ptr) (global.get $input_len) (local.get $out))
        (return)))
    (i32.store (local.get $out) (local.get $ptr))
    (i32.store offset=4 (local.get $out) (local.get $len))))
