;; A value-form guest (env.get takes a number) whose callback has the seed form's signature, and that
;; exports no memory: the rules name the value form they recognised and what its callback must be.
(module
  (import "env" "get" (func $get (param i32)))
  (func (export "call") (param $n i32)
    (call $get (local.get $n)))
  (func (export "callback") (param i32 i32) (result i32) (i32.const 0)))
