;; A stand-in for a TinyGo js/wasm program as TinyGo releases before 0.12 built it (2019), for the
;; wasm-exec host's tests: no WASI; output through env.io_get_stdout (the descriptor) and
;; env.resource_write(fd, ptr, len); JS values by address with no appended parameters; runtime.ticks
;; as f64 milliseconds; the glue's reference table of Go 1.12's era (id 6 the wasm memory, the Go
;; object at id 7). It exports memory, _start (which only initialises: here it does nothing),
;; cwa_main (the program, called by that glue), resume and go_scheduler.
;; cwa_main:
;;   - prints globalThis.input.toUpperCase() (valuePrepareString, valueLoadString) and a newline, or
;;     "no input\n" when the call throws;
;;   - sets globalThis.greeting = "héllo" (stringVal) and globalThis.ms = runtime.ticks();
;;   - registers globalThis.add = go._makeFuncWrapper(1) (the Go object at id 7); add(a, b) prints
;;     "called\n" and answers a + b.
(module
  (import "env" "io_get_stdout" (func $io_get_stdout (result i32)))
  (import "env" "resource_write" (func $resource_write (param i32 i32 i32) (result i32)))
  (import "env" "syscall/js.valueGet" (func $valueGet (param i32 i32 i32 i32)))
  (import "env" "syscall/js.valueSet" (func $valueSet (param i32 i32 i32 i32)))
  (import "env" "syscall/js.valueIndex" (func $valueIndex (param i32 i32 i32)))
  (import "env" "syscall/js.valueCall" (func $valueCall (param i32 i32 i32 i32 i32 i32 i32)))
  (import "env" "syscall/js.stringVal" (func $stringVal (param i32 i32 i32)))
  (import "env" "syscall/js.valuePrepareString" (func $valuePrepareString (param i32 i32)))
  (import "env" "syscall/js.valueLoadString" (func $valueLoadString (param i32 i32 i32 i32)))
  (import "env" "runtime.ticks" (func $ticks (result f64)))
  (import "env" "runtime.sleepTicks" (func $sleepTicks (param f64)))
  (memory (export "memory") 1)
  (global $stdout (mut i32) (i32.const -1))

  ;; Layout: 64 return area (value, then ok byte or length at 72), 128 call arguments, 256 the
  ;; global object, 264 the Go object (id 7), 272 null, 288.. value slots, 1024.. names, 4096 buffer.
  (data (i32.const 256) "\05\00\00\00\00\00\f8\7f" "\07\00\00\00\00\00\f8\7f" "\02\00\00\00\00\00\f8\7f")
  (data (i32.const 1024) "input")
  (data (i32.const 1032) "toUpperCase")
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
  (data (i32.const 1176) "\n")

  (func $print (param $ptr i32) (param $len i32)
    (drop (call $resource_write (global.get $stdout) (local.get $ptr) (local.get $len))))

  (func $setg (param $p i32) (param $n i32) (param $v i32)
    (call $valueSet (i32.const 256) (local.get $p) (local.get $n) (local.get $v)))

  (func (export "_start"))

  (func (export "cwa_main")
    (local $n i32)
    (global.set $stdout (call $io_get_stdout))
    ;; upper = input.toUpperCase()
    (call $valueGet (i32.const 288) (i32.const 256) (i32.const 1024) (i32.const 5))
    (call $valueCall (i32.const 64) (i32.const 288) (i32.const 1032) (i32.const 11) (i32.const 128) (i32.const 0)
                     (i32.const 0))
    (if (i32.load8_u (i32.const 72))
      (then
        (i64.store (i32.const 296) (i64.load (i32.const 64)))
        (call $valuePrepareString (i32.const 64) (i32.const 296))
        (i64.store (i32.const 312) (i64.load (i32.const 64)))
        (local.set $n (i32.load (i32.const 72)))
        (call $valueLoadString (i32.const 312) (i32.const 4096) (local.get $n) (local.get $n))
        (call $print (i32.const 4096) (local.get $n))
        (call $print (i32.const 1176) (i32.const 1)))
      (else (call $print (i32.const 1152) (i32.const 9))))
    ;; greeting, ms
    (call $stringVal (i32.const 320) (i32.const 1072) (i32.const 6))
    (call $setg (i32.const 1056) (i32.const 8) (i32.const 320))
    (f64.store (i32.const 360) (call $ticks))
    (call $setg (i32.const 1080) (i32.const 2) (i32.const 360))
    ;; add = go._makeFuncWrapper(1)
    (f64.store (i32.const 128) (f64.const 1))
    (call $valueCall (i32.const 64) (i32.const 264) (i32.const 1088) (i32.const 16) (i32.const 128) (i32.const 1)
                     (i32.const 1))
    (call $setg (i32.const 1104) (i32.const 3) (i32.const 64)))

  ;; syscall/js's event handler: take _pendingEvent from the Go object and answer args[0] + args[1].
  (func (export "resume")
    (call $valueGet (i32.const 328) (i32.const 264) (i32.const 1112) (i32.const 13))
    (if (i64.eq (i64.load (i32.const 328)) (i64.load (i32.const 272))) (then (return)))
    (call $valueSet (i32.const 264) (i32.const 1112) (i32.const 13) (i32.const 272))
    (call $valueGet (i32.const 336) (i32.const 328) (i32.const 1128) (i32.const 4))
    (call $valueIndex (i32.const 344) (i32.const 336) (i32.const 0))
    (call $valueIndex (i32.const 352) (i32.const 336) (i32.const 1))
    (f64.store (i32.const 360) (f64.add (f64.load (i32.const 344)) (f64.load (i32.const 352))))
    (call $valueSet (i32.const 328) (i32.const 1136) (i32.const 6) (i32.const 360))
    (call $print (i32.const 1144) (i32.const 7)))

  (func (export "go_scheduler")))
