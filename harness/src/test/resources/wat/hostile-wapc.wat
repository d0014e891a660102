;; A hostile waPC guest (with WASI) for the sandbox tests. By operation name length:
;;   4 ("echo")  control: answers the payload.
;;   1 ("r")     random_get of 0x7FFFFFFF bytes.
;;   2 ("rn")    random_get with a "negative" length (0xFFFFFFFF).
;;   3 ("rrr")   grows memory to 64 MiB and fills all of it with random_get, forever.
;;   5 ("iovec") fd_write to stdout with as many iovecs as fit in 64 MiB, each naming all 64 MiB
;;               (a 512 TiB write), forever.
;;   6 ("hcalls") makes 40 host calls (binding "b", namespace "n", operation "o") with a 16 MiB
;;               payload each (640 MiB in all), then answers "done".
;;   7 ("pollbig") poll_oneoff with 0x7FFFFFFF subscriptions.
(module
  (import "wapc" "__guest_request" (func $req (param i32 i32)))
  (import "wapc" "__guest_response" (func $resp (param i32 i32)))
  (import "wapc" "__host_call" (func $hc (param i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "random_get" (func $random_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "poll_oneoff" (func $poll (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 2)
  (data (i32.const 16) "bno")
  (data (i32.const 32) "done")
  (func $grow64
    (if (i32.lt_u (memory.size) (i32.const 1024))
      (then (drop (memory.grow (i32.sub (i32.const 1024) (memory.size)))))))
  (func (export "__guest_call") (param $op_len i32) (param $len i32) (result i32)
    (local $i i32)
    (call $req (i32.const 1024) (i32.const 2048))
    (if (i32.eq (local.get $op_len) (i32.const 4))
      (then (call $resp (i32.const 2048) (local.get $len)) (return (i32.const 1))))
    (if (i32.eq (local.get $op_len) (i32.const 1))
      (then (drop (call $random_get (i32.const 0) (i32.const 0x7FFFFFFF))) (return (i32.const 0))))
    (if (i32.eq (local.get $op_len) (i32.const 2))
      (then (drop (call $random_get (i32.const 0) (i32.const -1))) (return (i32.const 0))))
    (if (i32.eq (local.get $op_len) (i32.const 3))
      (then
        (call $grow64)
        (loop $forever
          (drop (call $random_get (i32.const 0) (i32.const 0x4000000)))
          (br $forever))))
    (if (i32.eq (local.get $op_len) (i32.const 5))
      (then
        (call $grow64)
        ;; iovecs from 8 to the end: each (0, 64 MiB)
        (local.set $i (i32.const 8))
        (loop $fill
          (i32.store (local.get $i) (i32.const 0))
          (i32.store (i32.add (local.get $i) (i32.const 4)) (i32.const 0x4000000))
          (local.set $i (i32.add (local.get $i) (i32.const 8)))
          (br_if $fill (i32.lt_u (local.get $i) (i32.const 0x3FFFFF8))))
        (loop $forever
          (drop (call $fd_write (i32.const 1) (i32.const 8) (i32.const 0x7FFFFE) (i32.const 0x3FFFFF8)))
          (br $forever))))
    (if (i32.eq (local.get $op_len) (i32.const 6))
      (then
        (call $grow64)
        (local.set $i (i32.const 0))
        (loop $calls
          (drop (call $hc (i32.const 16) (i32.const 1) (i32.const 17) (i32.const 1) (i32.const 18) (i32.const 1)
                          (i32.const 0x1000000) (i32.const 0x1000000)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $calls (i32.lt_u (local.get $i) (i32.const 40))))
        (call $resp (i32.const 32) (i32.const 4))
        (return (i32.const 1))))
    (if (i32.eq (local.get $op_len) (i32.const 7))
      (then (drop (call $poll (i32.const 0) (i32.const 64) (i32.const 0x7FFFFFFF) (i32.const 8))) (return (i32.const 0))))
    (unreachable))
)
