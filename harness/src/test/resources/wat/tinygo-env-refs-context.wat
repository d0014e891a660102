;; A stand-in for a TinyGo js/wasm program as TinyGo 0.22 to 0.28 is taken to build it (2022 to mid
;; 2023): JS values by address as in tinygo-env-refs.wat, but with one appended i32 parameter (the
;; closure context; the parent goroutine handle went with the coroutine scheduler in 0.22), and
;; output through wasi_snapshot_preview1.fd_write. _start sets globalThis.greeting = "héllo" and
;; prints String(globalThis.input) and a newline (valuePrepareString, valueLoadString).
(module
  (import "env" "syscall/js.valueGet" (func $valueGet (param i32 i32 i32 i32 i32)))
  (import "env" "syscall/js.valueSet" (func $valueSet (param i32 i32 i32 i32 i32)))
  (import "env" "syscall/js.stringVal" (func $stringVal (param i32 i32 i32 i32)))
  (import "env" "syscall/js.valuePrepareString" (func $valuePrepareString (param i32 i32 i32)))
  (import "env" "syscall/js.valueLoadString" (func $valueLoadString (param i32 i32 i32 i32 i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)

  ;; 32 iovec, 40 nwritten, 64 return area, 256 the global object, 288.. value slots, 1024.. names,
  ;; 4096 buffer.
  (data (i32.const 256) "\05\00\00\00\01\00\f8\7f")
  (data (i32.const 1024) "input")
  (data (i32.const 1032) "greeting")
  (data (i32.const 1048) "h\c3\a9llo")
  (data (i32.const 1056) "\n")

  (func $print (param $ptr i32) (param $len i32)
    (i32.store (i32.const 32) (local.get $ptr))
    (i32.store (i32.const 36) (local.get $len))
    (drop (call $fd_write (i32.const 1) (i32.const 32) (i32.const 1) (i32.const 40))))

  (func (export "_start")
    (local $n i32)
    (call $stringVal (i32.const 288) (i32.const 1048) (i32.const 6) (i32.const 0))
    (call $valueSet (i32.const 256) (i32.const 1032) (i32.const 8) (i32.const 288) (i32.const 0))
    (call $valueGet (i32.const 296) (i32.const 256) (i32.const 1024) (i32.const 5) (i32.const 0))
    (call $valuePrepareString (i32.const 64) (i32.const 296) (i32.const 0))
    (local.set $n (i32.load (i32.const 72)))
    (call $valueLoadString (i32.const 64) (i32.const 4096) (local.get $n) (local.get $n) (i32.const 0))
    (call $print (i32.const 4096) (local.get $n))
    (call $print (i32.const 1056) (i32.const 1)))
  (func (export "resume"))
  (func (export "go_scheduler")))
