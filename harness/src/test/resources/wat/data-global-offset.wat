;; An active data segment placed by an imported global: no image can be computed before an instance
;; (ChicoryPageImageTest).
(module
  (import "env" "base" (global $base i32))
  (memory 1)
  (data (global.get $base) "hi"))
