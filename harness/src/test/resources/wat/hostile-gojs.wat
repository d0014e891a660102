;; A hostile Go js/wasm guest (Go's stack-pointer ABI) for the sandbox tests. What `run` does
;; depends on argc (the program name plus the case's host.args):
;;   1  control: writes "ok\n" to stdout and exits 0.
;;   2  runtime.getRandomData with a length of 0x7FFFFFFF.
;;   3  syscall/js.valueCall with an argument count of 0x7FFFFFFF.
;;   4  syscall/js.valueNew with an argument count of 0x7FFFFFFF.
;;   5  syscall/js.valueInvoke with an argument count of 0x7FFFFFFF.
;;   6  runtime.wasmWrite to stdout with a length of 0xFFFFFFFF.
;;   7  runtime.getRandomData over all of memory above the first page, grown to 64 MiB, forever.
;; The stack pointer is fixed at 1024; arguments go at sp+8.. as Go lays them out.
(module
  (import "gojs" "runtime.wasmExit" (func $exit (param i32)))
  (import "gojs" "runtime.wasmWrite" (func $write (param i32)))
  (import "gojs" "runtime.getRandomData" (func $rand (param i32)))
  (import "gojs" "syscall/js.valueCall" (func $call (param i32)))
  (import "gojs" "syscall/js.valueNew" (func $new (param i32)))
  (import "gojs" "syscall/js.valueInvoke" (func $invoke (param i32)))
  (memory (export "mem") 1)
  (data (i32.const 512) "ok\n")
  (func (export "getsp") (result i32) (i32.const 1024))
  (func (export "resume"))
  (func $i64 (param $off i32) (param $v i64)
    (i64.store (i32.add (i32.const 1024) (local.get $off)) (local.get $v)))
  (func (export "run") (param $argc i32) (param $argv i32)
    (if (i32.eq (local.get $argc) (i32.const 1))
      (then
        (call $i64 (i32.const 8) (i64.const 1))
        (call $i64 (i32.const 16) (i64.const 512))
        (i32.store (i32.const 1048) (i32.const 3))
        (call $write (i32.const 1024))
        (i32.store (i32.const 1032) (i32.const 0))
        (call $exit (i32.const 1024))
        (return)))
    (if (i32.eq (local.get $argc) (i32.const 2))
      (then
        (call $i64 (i32.const 8) (i64.const 0))
        (call $i64 (i32.const 16) (i64.const 0x7FFFFFFF))
        (call $rand (i32.const 1024))
        (return)))
    (if (i32.eq (local.get $argc) (i32.const 3))
      (then
        ;; target: the global object (NaN-boxed id 5, object); method: "" (0 bytes at 0); args at 0
        (call $i64 (i32.const 8) (i64.const 0x7FF8000100000005))
        (call $i64 (i32.const 16) (i64.const 0))
        (call $i64 (i32.const 24) (i64.const 0))
        (call $i64 (i32.const 32) (i64.const 0))
        (call $i64 (i32.const 40) (i64.const 0x7FFFFFFF))
        (call $call (i32.const 1024))
        (return)))
    (if (i32.or (i32.eq (local.get $argc) (i32.const 4)) (i32.eq (local.get $argc) (i32.const 5)))
      (then
        (call $i64 (i32.const 8) (i64.const 0x7FF8000100000005))
        (call $i64 (i32.const 16) (i64.const 0))
        (call $i64 (i32.const 24) (i64.const 0x7FFFFFFF))
        (if (i32.eq (local.get $argc) (i32.const 4))
          (then (call $new (i32.const 1024)))
          (else (call $invoke (i32.const 1024))))
        (return)))
    (if (i32.eq (local.get $argc) (i32.const 6))
      (then
        (call $i64 (i32.const 8) (i64.const 1))
        (call $i64 (i32.const 16) (i64.const 512))
        (i32.store (i32.const 1048) (i32.const -1))
        (call $write (i32.const 1024))
        (return)))
    (if (i32.eq (local.get $argc) (i32.const 7))
      (then
        (drop (memory.grow (i32.const 1023)))
        (call $i64 (i32.const 8) (i64.const 0x10000))
        (call $i64 (i32.const 16) (i64.const 0x3FF0000))
        (loop $forever
          (call $rand (i32.const 1024))
          (br $forever))))
    (unreachable))
)
