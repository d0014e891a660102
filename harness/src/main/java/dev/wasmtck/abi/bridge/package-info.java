/** The async bridge ABI's contract for hosts and cases: its settings, forms and the Java functions a case's get may name. */
@NullMarked
package dev.wasmtck.abi.bridge;

import org.jspecify.annotations.NullMarked;
