;; No declared maximum, an initial size of 2 pages, and an import section before the memory.
(module
  (import "host" "note" (func $note (param i32 i32)))
  (memory (export "memory") 2)
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))
