;; The runtime interface's contract (WasmRuntimeContract): values of each type, traps, host exceptions
;; through guest frames, re-entrancy, interruption, memory growth and the start section. The
;; runtime-contract-* modules cover memory layouts this one does not have.
(module
  (import "host" "throw" (func $throw))
  (import "host" "reenter" (func $reenter (param i32) (result i32)))
  (import "host" "mix" (func $mix (param i64 f32 f64) (result f64)))
  ;; Called by the start function: the host sees the instance's memory already written.
  (import "host" "started" (func $started))
  ;; Two results from the host.
  (import "host" "split" (func $split (param i64) (result i64 i32)))
  (memory (export "memory") 1 4)
  (global $depth (mut i32) (i32.const 0))
  (func $init (i32.store (i32.const 0) (i32.const 42)) (call $started))
  (start $init)
  (func (export "_start") (i32.store (i32.const 4) (i32.const 7)))
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "add64") (param i64 i64) (result i64) (i64.add (local.get 0) (local.get 1)))
  (func (export "mul32") (param f32 f32) (result f32) (f32.mul (local.get 0) (local.get 1)))
  (func (export "mul64") (param f64 f64) (result f64) (f64.mul (local.get 0) (local.get 1)))
  (func (export "pair") (param i32) (result i32 i64) (local.get 0) (i64.extend_i32_s (local.get 0)))
  (func (export "mix") (param i64 f32 f64) (result f64) (call $mix (local.get 0) (local.get 1) (local.get 2)))
  (func (export "split") (param i64) (result i64 i32) (call $split (local.get 0)))
  (func (export "throws") (call $throw))
  ;; Calls the host, which may call back in here (n counts down).
  (func (export "nested") (param $n i32) (result i32) (call $reenter (local.get $n)))
  (func (export "unreachable") unreachable)
  (func (export "oob") (result i32) (i32.load (i32.const -4)))
  (func (export "div") (param i32) (result i32) (i32.div_s (i32.const 1) (local.get 0)))
  (func (export "spin") (loop (br 0)))
  (func $recurse (export "recurse") (call $recurse))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "size") (result i32) (memory.size))
  (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
  (global (export "a-global") i32 (i32.const 1)))
