;; Looks like a TinyGo js/wasm program (exports resume and go_scheduler) but imports
;; syscall/js.valueGet with Go's stack-pointer signature instead of TinyGo's: a link error.
(module
  (import "gojs" "syscall/js.valueGet" (func (param i32)))
  (memory (export "memory") 1)
  (func (export "_start"))
  (func (export "resume"))
  (func (export "go_scheduler")))
