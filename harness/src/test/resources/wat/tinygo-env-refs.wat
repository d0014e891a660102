;; A stand-in for a TinyGo js/wasm program as TinyGo 0.12 to 0.21 built it (2020-2021), for the
;; wasm-exec host's tests: module env, JS values passed by address (TinyGo's i64 workaround: the
;; import gets the address of an 8-byte NaN-boxed value in linear memory, and a function returning a
;; JS value writes it through a return pointer passed first), two i32 parameters TinyGo appends to
;; each import (context and parentHandle, unused by the glue), runtime.ticks returning f64
;; milliseconds, and output through wasi_unstable.fd_write. It exports memory, _start, resume,
;; go_scheduler and the global __heap_base, as those builds do.
;; _start:
;;   - calls globalThis.input.toUpperCase() and prints the result (valuePrepareString and
;;     valueLoadString) and a newline, or "no input\n" when the call throws;
;;   - copies globalThis.data (a Uint8Array) into memory and prints it and a newline, then writes
;;     "XY" over its first bytes (copyBytesToGo, copyBytesToJS); nothing when it is no Uint8Array;
;;   - sets globalThis.greeting = "héllo" (stringVal) and globalThis.ms = runtime.ticks();
;;   - registers globalThis.add = go._makeFuncWrapper(1); add(a, b) prints "called\n" and answers a + b.
(module
  (import "env" "syscall/js.valueGet" (func $valueGet (param i32 i32 i32 i32 i32 i32)))
  (import "env" "syscall/js.valueSet" (func $valueSet (param i32 i32 i32 i32 i32 i32)))
  (import "env" "syscall/js.valueIndex" (func $valueIndex (param i32 i32 i32 i32 i32)))
  (import "env" "syscall/js.valueCall" (func $valueCall (param i32 i32 i32 i32 i32 i32 i32 i32 i32)))
  (import "env" "syscall/js.stringVal" (func $stringVal (param i32 i32 i32 i32 i32)))
  (import "env" "syscall/js.valuePrepareString" (func $valuePrepareString (param i32 i32 i32 i32)))
  (import "env" "syscall/js.valueLoadString" (func $valueLoadString (param i32 i32 i32 i32 i32 i32)))
  (import "env" "syscall/js.copyBytesToGo" (func $copyBytesToGo (param i32 i32 i32 i32 i32 i32 i32)))
  (import "env" "syscall/js.copyBytesToJS" (func $copyBytesToJS (param i32 i32 i32 i32 i32 i32 i32)))
  (import "env" "syscall/js.finalizeRef" (func $finalizeRef (param i32 i32 i32)))
  (import "env" "runtime.ticks" (func $ticks (result f64)))
  (import "wasi_unstable" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (global (export "__heap_base") i32 (i32.const 65536))

  ;; Layout: 32 iovec, 40 nwritten, 64 return area (value, then ok byte or length at 72), 80 copy
  ;; result (count, ok byte at 84), 128 call arguments, 256 the global object, 264 the Go object,
  ;; 272 null, 288.. value slots, 1024.. names, 4096 buffer.
  (data (i32.const 256) "\05\00\00\00\01\00\f8\7f" "\06\00\00\00\01\00\f8\7f" "\02\00\00\00\00\00\f8\7f")
  (data (i32.const 1024) "input")
  (data (i32.const 1032) "toUpperCase")
  (data (i32.const 1048) "data")
  (data (i32.const 1056) "greeting")
  (data (i32.const 1072) "h\c3\a9llo")
  (data (i32.const 1080) "ms")
  (data (i32.const 1088) "_makeFuncWrapper")
  (data (i32.const 1104) "add")
  (data (i32.const 1112) "_pendingEvent")
  (data (i32.const 1128) "args")
  (data (i32.const 1136) "result")
  (data (i32.const 1144) "called\n")
  (data (i32.const 1152) "no input\n")
  (data (i32.const 1168) "XY")
  (data (i32.const 1176) "\n")

  (func $print (param $ptr i32) (param $len i32)
    (i32.store (i32.const 32) (local.get $ptr))
    (i32.store (i32.const 36) (local.get $len))
    (drop (call $fd_write (i32.const 1) (i32.const 32) (i32.const 1) (i32.const 40))))

  ;; globalThis[name] = the value at $v
  (func $setg (param $p i32) (param $n i32) (param $v i32)
    (call $valueSet (i32.const 256) (local.get $p) (local.get $n) (local.get $v) (i32.const 0) (i32.const 0)))

  (func (export "_start")
    (local $n i32)
    ;; upper = input.toUpperCase()
    (call $valueGet (i32.const 288) (i32.const 256) (i32.const 1024) (i32.const 5) (i32.const 0) (i32.const 0))
    (call $valueCall (i32.const 64) (i32.const 288) (i32.const 1032) (i32.const 11) (i32.const 128) (i32.const 0)
                     (i32.const 0) (i32.const 0) (i32.const 0))
    (if (i32.load8_u (i32.const 72))
      (then
        (i64.store (i32.const 296) (i64.load (i32.const 64)))
        (call $valuePrepareString (i32.const 64) (i32.const 296) (i32.const 0) (i32.const 0))
        (i64.store (i32.const 312) (i64.load (i32.const 64)))
        (local.set $n (i32.load (i32.const 72)))
        (call $valueLoadString (i32.const 312) (i32.const 4096) (local.get $n) (local.get $n) (i32.const 0) (i32.const 0))
        (call $finalizeRef (i32.const 312) (i32.const 0) (i32.const 0))
        (call $finalizeRef (i32.const 296) (i32.const 0) (i32.const 0))
        (call $print (i32.const 4096) (local.get $n))
        (call $print (i32.const 1176) (i32.const 1)))
      (else (call $print (i32.const 1152) (i32.const 9))))
    ;; data into memory, printed; then "XY" back over its start
    (call $valueGet (i32.const 304) (i32.const 256) (i32.const 1048) (i32.const 4) (i32.const 0) (i32.const 0))
    (call $copyBytesToGo (i32.const 80) (i32.const 4096) (i32.const 16) (i32.const 16) (i32.const 304)
                         (i32.const 0) (i32.const 0))
    (if (i32.load8_u (i32.const 84))
      (then
        (call $print (i32.const 4096) (i32.load (i32.const 80)))
        (call $print (i32.const 1176) (i32.const 1))
        (call $copyBytesToJS (i32.const 80) (i32.const 304) (i32.const 1168) (i32.const 2) (i32.const 2)
                             (i32.const 0) (i32.const 0))))
    ;; greeting, ms
    (call $stringVal (i32.const 320) (i32.const 1072) (i32.const 6) (i32.const 0) (i32.const 0))
    (call $setg (i32.const 1056) (i32.const 8) (i32.const 320))
    (f64.store (i32.const 360) (call $ticks))
    (call $setg (i32.const 1080) (i32.const 2) (i32.const 360))
    ;; add = go._makeFuncWrapper(1)
    (f64.store (i32.const 128) (f64.const 1))
    (call $valueCall (i32.const 64) (i32.const 264) (i32.const 1088) (i32.const 16) (i32.const 128) (i32.const 1)
                     (i32.const 1) (i32.const 0) (i32.const 0))
    (call $setg (i32.const 1104) (i32.const 3) (i32.const 64)))

  ;; syscall/js's event handler: take _pendingEvent and answer args[0] + args[1].
  (func (export "resume")
    (call $valueGet (i32.const 328) (i32.const 264) (i32.const 1112) (i32.const 13) (i32.const 0) (i32.const 0))
    (if (i64.eq (i64.load (i32.const 328)) (i64.load (i32.const 272))) (then (return)))
    (call $valueSet (i32.const 264) (i32.const 1112) (i32.const 13) (i32.const 272) (i32.const 0) (i32.const 0))
    (call $valueGet (i32.const 336) (i32.const 328) (i32.const 1128) (i32.const 4) (i32.const 0) (i32.const 0))
    (call $valueIndex (i32.const 344) (i32.const 336) (i32.const 0) (i32.const 0) (i32.const 0))
    (call $valueIndex (i32.const 352) (i32.const 336) (i32.const 1) (i32.const 0) (i32.const 0))
    (f64.store (i32.const 360) (f64.add (f64.load (i32.const 344)) (f64.load (i32.const 352))))
    (call $valueSet (i32.const 328) (i32.const 1136) (i32.const 6) (i32.const 360) (i32.const 0) (i32.const 0))
    (call $print (i32.const 1144) (i32.const 7)))

  (func (export "go_scheduler")))
