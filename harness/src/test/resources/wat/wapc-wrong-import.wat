;; A waPC guest importing wapc.__guest_response as (i32) -> () instead of waPC's (i32, i32) -> ():
;; refused by the waPC rules and by the host's link check alike (RulesEqualLinkTest).
(module
  (import "wapc" "__guest_request" (func $req (param i32 i32)))
  (import "wapc" "__guest_response" (func $resp (param i32)))
  (memory (export "memory") 1)
  (func (export "__guest_call") (param $op_len i32) (param $len i32) (result i32)
    (call $req (i32.const 1024) (i32.const 2048))
    (call $resp (i32.const 2048))
    (i32.const 1)))
