;; A stand-in for a waPC guest built with TinyGo's js/wasm target (tinygo build -target wasm with
;; wapc-guest-tinygo), for the waPC host's tests: it exports what TinyGo's js/wasm runtime exports
;; (_start, resume, go_scheduler, __heap_base) besides memory and __guest_call, and imports waPC
;; functions and wasi_unstable.fd_write only. It is a real waPC guest: nothing of it works through
;; fake waPC. _start registers the operations (until it ran, every call fails with "not started").
;; Operation "hello" prints "hello called\n", host-calls (binding "tinygo", namespace "example",
;; operation "greet") with the payload and answers "Hello, " and the host's response; a failed host
;; call is the guest error "host call failed". Any other operation is the guest error "unknown operation".
(module
  (import "wapc" "__guest_request" (func $guest_request (param i32 i32)))
  (import "wapc" "__guest_response" (func $guest_response (param i32 i32)))
  (import "wapc" "__guest_error" (func $guest_error (param i32 i32)))
  (import "wapc" "__host_call" (func $host_call (param i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (import "wapc" "__host_response_len" (func $host_response_len (result i32)))
  (import "wapc" "__host_response" (func $host_response (param i32)))
  (import "wasi_unstable" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 3)
  (global (export "__heap_base") i32 (i32.const 196608))
  (global $started (mut i32) (i32.const 0))

  ;; Layout: 32 iovec, 40 nwritten, 256.. texts, 1024 operation, 8192 "Hello, " and the host's
  ;; response after it, 65536 the payload (up to 64 KiB).
  (data (i32.const 256) "hello")
  (data (i32.const 264) "tinygo")
  (data (i32.const 272) "example")
  (data (i32.const 280) "greet")
  (data (i32.const 288) "not started")
  (data (i32.const 304) "unknown operation")
  (data (i32.const 328) "host call failed")
  (data (i32.const 352) "hello called\n")
  (data (i32.const 8192) "Hello, ")

  (func (export "_start") (global.set $started (i32.const 1)))
  (func (export "resume"))
  (func (export "go_scheduler"))

  (func $fail (param $ptr i32) (param $len i32) (result i32)
    (call $guest_error (local.get $ptr) (local.get $len))
    (i32.const 0))

  (func (export "__guest_call") (param $op_len i32) (param $len i32) (result i32)
    (local $n i32)
    (call $guest_request (i32.const 1024) (i32.const 65536))
    (if (i32.eqz (global.get $started)) (then (return (call $fail (i32.const 288) (i32.const 11)))))
    (if (i32.or (i32.ne (local.get $op_len) (i32.const 5))
                (i64.ne (i64.load32_u (i32.const 1024)) (i64.load32_u (i32.const 256))))
      (then (return (call $fail (i32.const 304) (i32.const 17)))))
    (if (i32.ne (i32.load8_u (i32.const 1028)) (i32.load8_u (i32.const 260)))
      (then (return (call $fail (i32.const 304) (i32.const 17)))))
    (i32.store (i32.const 32) (i32.const 352))
    (i32.store (i32.const 36) (i32.const 13))
    (drop (call $fd_write (i32.const 1) (i32.const 32) (i32.const 1) (i32.const 40)))
    (if (i32.eqz (call $host_call (i32.const 264) (i32.const 6) (i32.const 272) (i32.const 7) (i32.const 280)
                                  (i32.const 5) (i32.const 65536) (local.get $len)))
      (then (return (call $fail (i32.const 328) (i32.const 16)))))
    (local.set $n (call $host_response_len))
    (call $host_response (i32.const 8199))
    (call $guest_response (i32.const 8192) (i32.add (i32.const 7) (local.get $n)))
    (i32.const 1)))
