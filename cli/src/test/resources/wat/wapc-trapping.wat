;; A broken waPC guest for the command's tests: it has the waPC shape, so the structural rules pass,
;; but every call traps instead of reporting an unknown operation as a guest error.
(module
  (import "wapc" "__guest_request" (func $request (param i32 i32)))
  (memory (export "memory") 1)
  (func (export "__guest_call") (param $op_len i32) (param $len i32) (result i32)
    unreachable)
)
