;; Stand-in for the seed's first form (its async.wat): numbers instead of payloads. call passes its
;; number to the host's get and returns; the host later hands a number to callback, and what callback
;; returns is the answer of the call. The memory is the guest's own and not exported: nothing is placed.
(module
  (import "env" "get" (func $get (param i32)))
  (memory 1)
  (func (export "call") (param $number i32)
    (call $get (local.get $number)))
  ;; The seed's callback adds 321 to what the host resolved.
  (func (export "callback") (param $resolved i32) (result i32)
    (i32.add (local.get $resolved) (i32.const 321))))
