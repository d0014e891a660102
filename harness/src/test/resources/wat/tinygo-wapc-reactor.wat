;; A stand-in for a waPC guest as current wapc-guest-tinygo builds it (tinygo build
;; -target=wasip1 -buildmode=c-shared): a reactor that exports _initialize and wapc_init besides
;; memory and __guest_call, and imports waPC and WASI preview1 functions. The host must call
;; _initialize and then wapc_init, which registers the operations: "echo" answers the payload only
;; when both ran in that order; anything else is the guest error "not initialised".
(module
  (import "wapc" "__guest_request" (func $guest_request (param i32 i32)))
  (import "wapc" "__guest_response" (func $guest_response (param i32 i32)))
  (import "wapc" "__guest_error" (func $guest_error (param i32 i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 2)
  (global $stage (mut i32) (i32.const 0))
  (data (i32.const 256) "not initialised")

  (func (export "_initialize") (global.set $stage (i32.const 1)))
  (func (export "wapc_init")
    (if (i32.eq (global.get $stage) (i32.const 1)) (then (global.set $stage (i32.const 2)))))

  (func (export "__guest_call") (param $op_len i32) (param $len i32) (result i32)
    (call $guest_request (i32.const 1024) (i32.const 65536))
    (if (i32.ne (global.get $stage) (i32.const 2))
      (then (call $guest_error (i32.const 256) (i32.const 15)) (return (i32.const 0))))
    (call $guest_response (i32.const 65536) (local.get $len))
    (i32.const 1)))
