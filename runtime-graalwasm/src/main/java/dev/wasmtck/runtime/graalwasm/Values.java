package dev.wasmtck.runtime.graalwasm;

import dev.wasmtck.module.ValueType;
import java.util.List;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;

/** Raw {@code long} values (see {@link ValueType}) to and from the boxed numbers the polyglot API passes. */
final class Values {
    private Values() {}

    static long toRaw(ValueType type, Value v) {
        return switch (type) {
            case I32 -> v.asInt();
            case I64 -> v.asLong();
            case F32 -> Float.floatToRawIntBits(v.asFloat());
            case F64 -> Double.doubleToRawLongBits(v.asDouble());
            default -> throw new IllegalArgumentException("unsupported value type " + type.text());
        };
    }

    static Object box(ValueType type, long raw) {
        return switch (type) {
            case I32 -> (int) raw;
            case I64 -> raw;
            case F32 -> Float.intBitsToFloat((int) raw);
            case F64 -> Double.longBitsToDouble(raw);
            default -> throw new IllegalArgumentException("unsupported value type " + type.text());
        };
    }

    /** What a host function hands back to GraalWasm: null, one number, or an array for several results. */
    static Object toGuestResult(List<ValueType> types, long[] raw) {
        int n = types.size();
        if (n == 0) {
            return null;
        }
        if (raw == null || raw.length != n) {
            throw new IllegalStateException("host function returned " + (raw == null ? 0 : raw.length)
                    + " values for " + n + " result types");
        }
        if (n == 1) {
            return box(types.get(0), raw[0]);
        }
        Object[] boxed = new Object[n];
        for (int i = 0; i < n; i++) {
            boxed[i] = box(types.get(i), raw[i]);
        }
        return ProxyArray.fromArray(boxed);
    }

    /** What an export returned, as raw values. */
    static long[] fromGuestResult(List<ValueType> types, Value result) {
        int n = types.size();
        if (n == 0) {
            return dev.wasmtck.runtime.WasmFunction.NO_RESULTS;
        }
        long[] out = new long[n];
        if (n == 1) {
            out[0] = toRaw(types.get(0), result);
        } else {
            for (int i = 0; i < n; i++) {
                out[i] = toRaw(types.get(i), result.getArrayElement(i));
            }
        }
        return out;
    }
}
