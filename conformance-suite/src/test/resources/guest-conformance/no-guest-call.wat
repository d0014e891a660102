;; A module that means to be a waPC guest but gets two things wrong, for GuestConformanceTest:
;; its entry point is misnamed (guest_call instead of __guest_call) and it imports env.printf,
;; which no waPC host provides. Its memory export and its wapc.* imports are right.
;; Rebuild with: wat2wasm no-guest-call.wat -o no-guest-call.wasm
(module
  (import "wapc" "__guest_request" (func $request (param i32 i32)))
  (import "wapc" "__guest_response" (func $response (param i32 i32)))
  (import "env" "printf" (func $printf (param i32)))
  (memory (export "memory") 1)
  (func (export "guest_call") (param i32 i32) (result i32)
    i32.const 0))
