/** The runtime SPI the reference hosts run on: a binding implements {@link dev.wasmtck.runtime.WasmRuntime} (docs/runtime-spi.md). */
@NullMarked
package dev.wasmtck.runtime;

import org.jspecify.annotations.NullMarked;
