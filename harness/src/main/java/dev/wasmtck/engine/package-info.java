/** The {@code wasm-conformance} JUnit Platform engine. */
@NullMarked
package dev.wasmtck.engine;

import org.jspecify.annotations.NullMarked;
