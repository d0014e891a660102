;; A waPC guest whose initialisation is slow on purpose, for the separate time limits of a case
;; (init-timeout): wapc_init spins on WASI's thread CPU-time clock for one second, so it burns that
;; much CPU and the limits trip however loaded the machine is; __guest_call then answers every
;; operation with its payload at once.
(module
  (import "wasi_snapshot_preview1" "clock_time_get" (func $clock (param i32 i64 i32) (result i32)))
  (import "wapc" "__guest_request" (func $req (param i32 i32)))
  (import "wapc" "__guest_response" (func $resp (param i32 i32)))
  (memory (export "memory") 1)
  ;; the clock's answer at 0, the operation at 64, the payload at 1024
  (func $now (result i64)
    (drop (call $clock (i32.const 3) (i64.const 1000) (i32.const 0)))
    (i64.load (i32.const 0)))
  (func (export "wapc_init")
    (local $end i64)
    (local.set $end (i64.add (call $now) (i64.const 1000000000)))
    (loop $spin (br_if $spin (i64.lt_u (call $now) (local.get $end)))))
  (func (export "__guest_call") (param $op_len i32) (param $len i32) (result i32)
    (call $req (i32.const 64) (i32.const 1024))
    (call $resp (i32.const 1024) (local.get $len))
    (i32.const 1)))
