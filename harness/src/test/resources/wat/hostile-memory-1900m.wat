;; Declares a memory minimum of 1900 MiB (30400 pages): within Chicory's limit, more than a small heap holds.
(module
  (import "wapc" "__guest_request" (func $req (param i32 i32)))
  (memory (export "memory") 30400)
  (func (export "__guest_call") (param i32 i32) (result i32) (i32.const 1)))
