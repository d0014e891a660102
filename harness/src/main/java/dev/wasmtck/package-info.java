/** The kit's configuration keys ({@link dev.wasmtck.Constants}). */
@NullMarked
package dev.wasmtck;

import org.jspecify.annotations.NullMarked;
