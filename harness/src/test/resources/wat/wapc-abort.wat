;; A waPC guest shaped like an AssemblyScript build: it imports env.abort as AssemblyScript declares it,
;; abort(message, fileName, line, column) -> (), which waPC hosts provide. Answers every call with success
;; and an empty response. Links on the waPC host (RulesEqualLinkTest).
(module
  (import "wapc" "__guest_request" (func $req (param i32 i32)))
  (import "wapc" "__guest_response" (func $resp (param i32 i32)))
  (import "env" "abort" (func $abort (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (func (export "__guest_call") (param $op_len i32) (param $len i32) (result i32)
    (call $req (i32.const 1024) (i32.const 2048))
    (call $resp (i32.const 2048) (i32.const 0))
    (i32.const 1)))
