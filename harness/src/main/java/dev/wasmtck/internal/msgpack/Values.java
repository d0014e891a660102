package dev.wasmtck.internal.msgpack;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Structural equality and hashing of plain values (no matchers), used for map keys. */
final class Values {
    private Values() {}

    /** Exact equality: same type, same value; int widths are already gone, map order is ignored. */
    static boolean same(Val a, Val b) {
        if (a.getClass() != b.getClass()) {
            return false;
        }
        if (a instanceof Val.Bool x) {
            return x.value() == ((Val.Bool) b).value();
        }
        if (a instanceof Val.Int x) {
            return x.value().equals(((Val.Int) b).value());
        }
        if (a instanceof Val.F32 x) {
            // Float.compare: NaN equals NaN (an expectation may ask for NaN), but 0.0 and -0.0 differ.
            return Float.compare(x.value(), ((Val.F32) b).value()) == 0;
        }
        if (a instanceof Val.F64 x) {
            return Double.compare(x.value(), ((Val.F64) b).value()) == 0;
        }
        if (a instanceof Val.Str x) {
            return Arrays.equals(x.utf8(), ((Val.Str) b).utf8());
        }
        if (a instanceof Val.Bin x) {
            return Arrays.equals(x.bytes(), ((Val.Bin) b).bytes());
        }
        if (a instanceof Val.Ext x) {
            Val.Ext y = (Val.Ext) b;
            return x.type() == y.type() && Arrays.equals(x.data(), y.data());
        }
        if (a instanceof Val.Ts x) {
            return x.instant().equals(((Val.Ts) b).instant());
        }
        if (a instanceof Val.Arr x) {
            List<Val> xs = x.items();
            List<Val> ys = ((Val.Arr) b).items();
            if (xs.size() != ys.size()) {
                return false;
            }
            for (int i = 0; i < xs.size(); i++) {
                if (!same(xs.get(i), ys.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Val.MapV x) {
            Val.MapV y = (Val.MapV) b;
            if (x.entries().size() != y.entries().size()) {
                return false;
            }
            Map<Key, Val> index = index(y);
            for (Map.Entry<Val, Val> e : x.entries()) {
                Val other = index.get(new Key(e.getKey()));
                if (other == null || !same(e.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b); // Nil and matchers
    }

    static int hash(Val v) {
        if (v instanceof Val.Str s) {
            return Arrays.hashCode(s.utf8());
        }
        if (v instanceof Val.Bin b) {
            return 31 * Arrays.hashCode(b.bytes()) + 1;
        }
        if (v instanceof Val.Ext e) {
            return 31 * Arrays.hashCode(e.data()) + e.type();
        }
        if (v instanceof Val.F32 f) {
            return Float.hashCode(f.value());
        }
        if (v instanceof Val.F64 f) {
            return Double.hashCode(f.value());
        }
        if (v instanceof Val.Arr a) {
            int h = 7;
            for (Val item : a.items()) {
                h = 31 * h + hash(item);
            }
            return h;
        }
        if (v instanceof Val.MapV m) {
            int h = 11;
            for (Map.Entry<Val, Val> e : m.entries()) {
                h += hash(e.getKey()) ^ hash(e.getValue()); // order-independent
            }
            return h;
        }
        return v.hashCode();
    }

    /** Keys of a map to values; with duplicate keys the first wins (callers check duplicates separately). */
    static Map<Key, Val> index(Val.MapV m) {
        Map<Key, Val> out = new HashMap<>();
        for (Map.Entry<Val, Val> e : m.entries()) {
            out.putIfAbsent(new Key(e.getKey()), e.getValue());
        }
        return out;
    }

    /** A value usable as a hash key with structural equality. */
    record Key(Val v) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && same(v, k.v);
        }

        @Override
        public int hashCode() {
            return hash(v);
        }
    }
}
