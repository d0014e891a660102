;; A small waPC guest for the command's tests, standing in for a guest author's module: the
;; operation "echo" answers its payload; any other operation is a guest error naming it.
(module
  (import "wapc" "__guest_request" (func $request (param i32 i32)))
  (import "wapc" "__guest_response" (func $response (param i32 i32)))
  (import "wapc" "__guest_error" (func $error (param i32 i32)))
  (memory (export "memory") 3)
  (data (i32.const 0) "unknown operation: ")
  ;; the operation's name is read to 1024, the payload to 4096 (up to 64 KiB + some)
  (func (export "__guest_call") (param $op_len i32) (param $len i32) (result i32)
    (call $request (i32.const 1024) (i32.const 4096))
    (if (i32.and (i32.eq (local.get $op_len) (i32.const 4))
                 (i32.eq (i32.load (i32.const 1024)) (i32.const 0x6f686365)))  ;; "echo", little-endian
      (then
        (call $response (i32.const 4096) (local.get $len))
        (return (i32.const 1))))
    ;; "unknown operation: " + the name, built at 19 after the prefix
    (memory.copy (i32.const 19) (i32.const 1024) (local.get $op_len))
    (call $error (i32.const 0) (i32.add (i32.const 19) (local.get $op_len)))
    (i32.const 0))
)
