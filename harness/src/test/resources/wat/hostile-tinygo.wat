;; A hostile TinyGo js/wasm guest (TinyGo's import conventions) for the sandbox tests. _start reads
;; the digit after "MODE=" in its first environment variable (host.env: {MODE: "N"}):
;;   0  control: writes "ok\n" to stdout through fd_write.
;;   1  runtime.getRandomData with a length of 0x7FFFFFFF.
;;   2  syscall/js.valueCall with an argument count of 0x7FFFFFFF.
;;   3  WASI random_get with a "negative" length (0xFFFFFFFF).
;;   4  fd_write to stdout with as many iovecs as fit in 64 MiB, each naming all 64 MiB, forever.
(module
  (import "gojs" "runtime.getRandomData" (func $getRandomData (param i32 i32 i32)))
  (import "gojs" "syscall/js.valueCall" (func $valueCall (param i32 i64 i32 i32 i32 i32 i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "random_get" (func $random_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_sizes_get" (func $environ_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_get" (func $environ_get (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 512) "ok\n")
  (func (export "resume"))
  (func (export "_start")
    (local $mode i32)
    (local $i i32)
    (drop (call $environ_sizes_get (i32.const 0) (i32.const 4)))
    (drop (call $environ_get (i32.const 16) (i32.const 256)))
    (local.set $mode (i32.sub (i32.load8_u (i32.add (i32.load (i32.const 16)) (i32.const 5))) (i32.const 48)))
    (if (i32.eqz (local.get $mode))
      (then
        (i32.store (i32.const 32) (i32.const 512))
        (i32.store (i32.const 36) (i32.const 3))
        (drop (call $fd_write (i32.const 1) (i32.const 32) (i32.const 1) (i32.const 40)))
        (return)))
    (if (i32.eq (local.get $mode) (i32.const 1))
      (then (call $getRandomData (i32.const 0) (i32.const 0x7FFFFFFF) (i32.const 0x7FFFFFFF)) (return)))
    (if (i32.eq (local.get $mode) (i32.const 2))
      ;; return area at 64, target the global object, method "" at 0, 0x7FFFFFFF arguments at 0
      (then (call $valueCall (i32.const 64) (i64.const 0x7FF8000100000005) (i32.const 0) (i32.const 0)
                             (i32.const 0) (i32.const 0x7FFFFFFF) (i32.const 0x7FFFFFFF)) (return)))
    (if (i32.eq (local.get $mode) (i32.const 3))
      (then (drop (call $random_get (i32.const 0) (i32.const -1))) (return)))
    (if (i32.eq (local.get $mode) (i32.const 4))
      (then
        (drop (memory.grow (i32.const 1023)))
        (local.set $i (i32.const 8))
        (loop $fill
          (i32.store (local.get $i) (i32.const 0))
          (i32.store (i32.add (local.get $i) (i32.const 4)) (i32.const 0x4000000))
          (local.set $i (i32.add (local.get $i) (i32.const 8)))
          (br_if $fill (i32.lt_u (local.get $i) (i32.const 0x3FFFFF8))))
        (loop $forever
          (drop (call $fd_write (i32.const 1) (i32.const 8) (i32.const 0x7FFFFE) (i32.const 0x3FFFFF8)))
          (br $forever))))
    (unreachable))
)
