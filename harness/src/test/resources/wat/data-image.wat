;; Data segments for the initial image of the kit's memory (ChicoryPageImageTest, EndivePageMemoryTest): the second active
;; segment overwrites part of the first across a page boundary; a passive one is copied by memory.init.
(module
  (memory (export "memory") 2 4)
  (data (i32.const 65530) "abcdefghij")
  (data (i32.const 65534) "XY")
  (data $p "passive")
  (func (export "load") (param i32) (result i32) (i32.load8_u (local.get 0)))
  (func (export "store") (param i32 i32) (i32.store8 (local.get 0) (local.get 1)))
  (func (export "init") (memory.init $p (i32.const 0) (i32.const 0) (i32.const 7))))
