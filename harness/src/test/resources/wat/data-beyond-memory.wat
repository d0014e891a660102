;; An active data segment that ends past the initial memory: instantiation must fail (ChicoryPageImageTest, EndivePageMemoryTest).
(module
  (memory 1)
  (data (i32.const 65535) "ab"))
