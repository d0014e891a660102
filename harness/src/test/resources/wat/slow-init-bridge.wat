;; An async-bridge guest (the seed's form, placement fixed-offset) whose initialisation is slow on
;; purpose, for the separate time limits of a case (init-timeout): _initialize spins on WASI's
;; thread CPU-time clock for one second, so it burns that much CPU and the limits trip however
;; loaded the machine is; call then asks get for its input and callback answers it.
(module
  (import "wasi_snapshot_preview1" "clock_time_get" (func $clock (param i32 i64 i32) (result i32)))
  (import "env" "get" (func $get (param i32 i32)))
  (memory (export "memory") 1)
  ;; the clock's answer at 4000, the result struct at 2048
  (func $now (result i64)
    (drop (call $clock (i32.const 3) (i64.const 1000) (i32.const 4000)))
    (i64.load (i32.const 4000)))
  (func (export "_initialize")
    (local $end i64)
    (local.set $end (i64.add (call $now) (i64.const 1000000000)))
    (loop $spin (br_if $spin (i64.lt_u (call $now) (local.get $end)))))
  (func (export "call") (param $ptr i32) (param $len i32)
    (call $get (local.get $ptr) (local.get $len)))
  (func (export "callback") (param $ptr i32) (param $len i32) (result i32)
    (i32.store (i32.const 2048) (local.get $ptr))
    (i32.store (i32.const 2052) (local.get $len))
    (i32.const 2048)))
