;; The value form without arguments, as the seed first writes it: call () and get () take nothing,
;; the host decides the number it resolves, and callback's result is the answer of the call.
(module
  (import "env" "get" (func $get))
  (func (export "call")
    (call $get))
  (func (export "callback") (param $resolved i32) (result i32)
    (i32.add (local.get $resolved) (i32.const 321))))
