;; No memory, no imports: the binding must leave such a module alone and report no memory.
(module
  (func (export "answer") (result i32) (i32.const 42)))
