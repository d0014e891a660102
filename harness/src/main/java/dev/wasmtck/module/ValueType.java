package dev.wasmtck.module;

import org.apiguardian.api.API;
import java.util.Locale;

/**
 * A wasm value type. At the runtime interface every value travels as a {@code long}: i32 sign-extended
 * (read it back with a cast to int), i64 as is, f32 and f64 as their raw IEEE bits
 * ({@link Float#floatToRawIntBits}, {@link Double#doubleToRawLongBits}); references as the binding's
 * opaque handle. This is what Chicory does, and it keeps host calls free of boxing.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum ValueType {
    I32, I64, F32, F64, V128, FUNCREF, EXTERNREF;

    /** The name in wasm's text format: {@code i32}, {@code funcref}. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }
}
