/** A WebAssembly module's imports, exports and memory, read from its binary without a runtime. */
@NullMarked
package dev.wasmtck.module;

import org.jspecify.annotations.NullMarked;
