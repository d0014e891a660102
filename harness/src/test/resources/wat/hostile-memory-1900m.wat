;; Declares a memory minimum of 1900 MiB (30400 pages), within Chicory's limit and more than a small heap
;; holds, and writes a byte to every page when called: a runtime that allocates pages when they are first
;; written (as the kit's Chicory memory does) runs out of heap in the call, not while instantiating.
(module
  (import "wapc" "__guest_request" (func $req (param i32 i32)))
  (memory (export "memory") 30400)
  (func (export "__guest_call") (param i32 i32) (result i32)
    (local $at i32)
    (loop $pages
      (i32.store8 (local.get $at) (i32.const 1))
      (local.set $at (i32.add (local.get $at) (i32.const 65536)))
      (br_if $pages (i32.lt_u (local.get $at) (i32.const 1992294400))))
    (i32.const 1)))
