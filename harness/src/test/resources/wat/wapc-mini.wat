;; A minimal waPC guest for the host's own tests, by operation name length:
;;   4 bytes ("echo"): answers the payload.
;;   3 ("err"): __guest_error("bad") and returns 0.
;;   2 ("ok"): returns 1 without a response (a protocol error under this host).
;;   1 ("h"): host call (binding "b", namespace "n", operation "o", the payload); answers the host's
;;      response on success, or the host's error as a guest error.
;;   0 (""): traps after setting an error.
;;   7 ("counter"): counts its calls on this instance; answers the count mod 10 as one ASCII digit.
;;   other lengths: returns 0 without a message.
;; wapc_init makes one host call (namespace "init") so init-time calls can be checked.
(module
  (import "wapc" "__guest_request" (func $req (param i32 i32)))
  (import "wapc" "__guest_response" (func $resp (param i32 i32)))
  (import "wapc" "__guest_error" (func $err (param i32 i32)))
  (import "wapc" "__host_call" (func $hc (param i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (import "wapc" "__host_response_len" (func $hrl (result i32)))
  (import "wapc" "__host_response" (func $hr (param i32)))
  (import "wapc" "__host_error_len" (func $hel (result i32)))
  (import "wapc" "__host_error" (func $he (param i32)))
  (memory (export "memory") 2)
  (global $count (mut i32) (i32.const 0))
  (data (i32.const 16) "bad")
  (data (i32.const 32) "bno")
  (data (i32.const 48) "init")
  ;; op at 1024, payload at 2048, host answers at 4096
  (func (export "wapc_init")
    (drop (call $hc (i32.const 33) (i32.const 1) (i32.const 48) (i32.const 4) (i32.const 48) (i32.const 4)
                    (i32.const 48) (i32.const 4))))
  (func (export "__guest_call") (param $op_len i32) (param $len i32) (result i32)
    (call $req (i32.const 1024) (i32.const 2048))
    (if (i32.eq (local.get $op_len) (i32.const 7))
      (then
        (global.set $count (i32.add (global.get $count) (i32.const 1)))
        (i32.store8 (i32.const 8192) (i32.add (i32.const 48) (i32.rem_u (global.get $count) (i32.const 10))))
        (call $resp (i32.const 8192) (i32.const 1))
        (return (i32.const 1))))
    (if (i32.eq (local.get $op_len) (i32.const 4))
      (then (call $resp (i32.const 2048) (local.get $len)) (return (i32.const 1))))
    (if (i32.eq (local.get $op_len) (i32.const 3))
      (then (call $err (i32.const 16) (i32.const 3)) (return (i32.const 0))))
    (if (i32.eq (local.get $op_len) (i32.const 2))
      (then (return (i32.const 1))))
    (if (i32.eq (local.get $op_len) (i32.const 1))
      (then
        (if (call $hc (i32.const 32) (i32.const 1) (i32.const 33) (i32.const 1) (i32.const 34) (i32.const 1)
                      (i32.const 2048) (local.get $len))
          (then (call $hr (i32.const 4096)) (call $resp (i32.const 4096) (call $hrl)) (return (i32.const 1)))
          (else (call $he (i32.const 4096)) (call $err (i32.const 4096) (call $hel)) (return (i32.const 0))))))
    (if (i32.eqz (local.get $op_len))
      (then (call $err (i32.const 16) (i32.const 3)) (unreachable)))
    (i32.const 0))
)
