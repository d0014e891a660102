;; Declares a memory minimum of 2 GiB (32768 pages) and nothing else a waPC guest needs beyond
;; __guest_call: instantiating it is the test.
(module
  (import "wapc" "__guest_request" (func $req (param i32 i32)))
  (memory (export "memory") 32768)
  (func (export "__guest_call") (param i32 i32) (result i32) (i32.const 1)))
