package dev.wasmtck.internal.host.wasmexec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.mozilla.javascript.ScriptRuntime;
import org.mozilla.javascript.Undefined;

/**
 * The JS values a Go program holds references to, as Go's {@code syscall/js} sees them: 8-byte
 * values that are either a plain float64 or a NaN whose payload carries a type flag and a reference
 * id. Ids 0..6 are predefined (NaN, 0, null, true, false, the global object, the Go object) and never
 * released; every other id is counted per store and freed by {@code finalizeRef}. The glue of Go 1.12's
 * era (kept by TinyGo before 0.12) put the wasm memory at id 6 and the Go object at 7, and numbered the
 * type flags from 0 (object, string, symbol, function) where later Go numbers them from 1.
 *
 * <p>Objects are identified by identity and strings by value, as a JS {@code Map} keyed by the
 * value would.
 */
final class RefTable {
    static final long NAN_HEAD = 0x7FF8_0000L;
    static final int ID_NAN = 0;
    static final int ID_ZERO = 1;
    static final int ID_NULL = 2;
    static final int ID_TRUE = 3;
    static final int ID_FALSE = 4;
    static final int ID_GLOBAL = 5;
    /** How many ids are predefined: 7, or 8 with the memory slot of Go 1.12's era. */
    private final int predefinedCount;
    /** Go 1.12's era: type flags numbered from 0 (see {@link #store}). */
    private final boolean goOneTwelve;

    private Object[] values = new Object[64];
    private long[] counts = new long[64];
    private int size;
    private int[] free = new int[16];
    private int freeCount;
    private final Map<Object, Integer> objectIds = new IdentityHashMap<>();
    private final Map<String, Integer> stringIds = new HashMap<>();
    /** Counts live references against the case's memory limit; null for no bound. */
    private final JsBounds bounds;

    RefTable(Object global, Object go, JsBounds bounds) {
        this(global, null, go, bounds);
    }

    /** With {@code memory} not null, the layout of Go 1.12's era: {@code memory} at id 6, the Go object at 7. */
    RefTable(Object global, Object memory, Object go, JsBounds bounds) {
        this.bounds = bounds;
        if (bounds != null) {
            bounds.watch(this);
        }
        List<Object> predefined = new ArrayList<>(Arrays.asList(Double.NaN, 0.0, null, Boolean.TRUE, Boolean.FALSE, global));
        if (memory != null) {
            predefined.add(memory);
        }
        predefined.add(go);
        for (Object v : predefined) {
            if (size >= ID_GLOBAL) {
                objectIds.put(v, size);
            }
            values[size] = v;
            counts[size] = Long.MAX_VALUE;
            size++;
        }
        predefinedCount = size;
        goOneTwelve = memory != null;
    }

    /** The value a raw 8-byte slot stands for. */
    Object load(long bits) {
        double f = Double.longBitsToDouble(bits);
        if (f == 0) {
            return Undefined.instance;
        }
        if (!Double.isNaN(f)) {
            return f;
        }
        int id = (int) bits;
        if (id < 0 || id >= size) {
            throw new IllegalStateException("the guest used reference id " + Integer.toUnsignedString(id)
                    + ", which was never handed out");
        }
        return values[id];
    }

    /** The raw 8-byte encoding of {@code v}, taking a reference when {@code v} needs one. */
    long store(Object v) {
        if (v instanceof Number n && !(v instanceof java.math.BigInteger)) {
            double d = n.doubleValue();
            if (d != 0) {
                return Double.isNaN(d) ? NAN_HEAD << 32 : Double.doubleToRawLongBits(d);
            }
            return ref(ID_ZERO, 0);
        }
        if (v == null) {
            return ref(ID_NULL, 0);
        }
        if (v instanceof Boolean b) {
            return ref(b ? ID_TRUE : ID_FALSE, 0);
        }
        if (Undefined.isUndefined(v) || v == Undefined.SCRIPTABLE_UNDEFINED) {
            return 0;
        }
        int flag;
        Integer id;
        if (v instanceof CharSequence cs) {
            String s = cs.toString();
            flag = 2;
            id = stringIds.get(s);
            if (id == null) {
                id = allocate(s);
                stringIds.put(s, id);
            }
        } else {
            flag = !(v instanceof org.mozilla.javascript.Scriptable) && !(v instanceof org.mozilla.javascript.Symbol) ? 1
                    : switch (ScriptRuntime.typeof(v)) {
                case "function" -> 4;
                case "symbol" -> 3;
                default -> 1;
            };
            id = objectIds.get(v);
            if (id == null) {
                id = allocate(v);
                objectIds.put(v, id);
            }
        }
        if (counts[id] != Long.MAX_VALUE) {
            counts[id]++;
        }
        // Go 1.12's era flagged strings 1, symbols 2, functions 3 and objects 0: one less than today.
        return ref(id, goOneTwelve ? flag - 1 : flag);
    }

    private static long ref(int id, int flag) {
        return ((NAN_HEAD | flag) << 32) | (id & 0xFFFF_FFFFL);
    }

    private int allocate(Object v) {
        if (bounds != null) {
            bounds.admitReferences(size - freeCount + 1);
        }
        int id;
        if (freeCount > 0) {
            id = free[--freeCount];
        } else {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
                counts = Arrays.copyOf(counts, size * 2);
            }
            id = size++;
        }
        values[id] = v;
        counts[id] = 0;
        return id;
    }

    /** Go dropped one reference to {@code id}; the value is forgotten when none is left. */
    void finalizeRef(int id) {
        if (id < predefinedCount || id >= size || counts[id] == Long.MAX_VALUE) {
            return;
        }
        if (--counts[id] > 0) {
            return;
        }
        Object v = values[id];
        values[id] = null;
        if (v instanceof String s) {
            stringIds.remove(s);
        } else {
            objectIds.remove(v);
        }
        if (freeCount == free.length) {
            free = Arrays.copyOf(free, freeCount * 2);
        }
        free[freeCount++] = id;
    }

    /** Hands every value Go holds now to {@code action}: what the world's size is measured from. */
    void forEachValue(java.util.function.Consumer<Object> action) {
        for (int i = 0; i < size; i++) {
            if (values[i] != null) {
                action.accept(values[i]);
            }
        }
    }

    /** The length of the table as the JS world sees it ({@code go._values.length}). */
    int length() {
        return size;
    }
}
