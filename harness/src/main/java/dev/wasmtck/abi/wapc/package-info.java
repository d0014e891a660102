/** The waPC ABI's contract for hosts and cases: its settings and the Java host-call handlers a case may name. */
@NullMarked
package dev.wasmtck.abi.wapc;

import org.jspecify.annotations.NullMarked;
