package dev.wasmtck.internal.msgpack;

import java.math.BigDecimal;

/** Numeric ordering across int, float32 and float64, for {@code !range}. */
final class Numbers {
    private Numbers() {}

    static boolean isNumber(Val v) {
        return v instanceof Val.Int || v instanceof Val.F32 || v instanceof Val.F64;
    }

    static boolean isNaN(Val v) {
        return (v instanceof Val.F32 f && Float.isNaN(f.value())) || (v instanceof Val.F64 d && Double.isNaN(d.value()));
    }

    /** Compares two non-NaN numbers exactly (BigDecimal, so large uint64s and float32 values do not round). */
    static int compare(Val a, Val b) {
        double da = asDouble(a);
        double db = asDouble(b);
        if (Double.isInfinite(da) || Double.isInfinite(db)) {
            return Double.compare(da, db);
        }
        return exact(a).compareTo(exact(b));
    }

    private static double asDouble(Val v) {
        if (v instanceof Val.Int i) {
            return i.value().doubleValue();
        }
        if (v instanceof Val.F32 f) {
            return f.value();
        }
        return ((Val.F64) v).value();
    }

    private static BigDecimal exact(Val v) {
        if (v instanceof Val.Int i) {
            return new BigDecimal(i.value());
        }
        if (v instanceof Val.F32 f) {
            return new BigDecimal(f.value()); // the float32's exact binary value, widened losslessly
        }
        return new BigDecimal(((Val.F64) v).value());
    }
}
