/** The wasm_exec ABI's contract for hosts and cases: its settings and the Java functions a case may install in the JS world. */
@NullMarked
package dev.wasmtck.abi.wasmexec;

import org.jspecify.annotations.NullMarked;
