;; A memory but no import section: the binding must still give the memory its data and its cap.
(module
  (memory (export "memory") 1 3)
  (data (i32.const 8) "\2a")
  (func (export "first") (result i32) (i32.load8_u (i32.const 8)))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))
