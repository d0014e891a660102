;; A broken waPC guest for the command's tests: its entry point is misnamed, so the rule
;; "exports its entry point" fails.
(module
  (import "wapc" "__guest_request" (func $request (param i32 i32)))
  (memory (export "memory") 1)
  (func (export "guest_call") (param $op_len i32) (param $len i32) (result i32)
    (i32.const 0))
)
