package dev.wasmtck.internal.host.wasmexec;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;
import org.mozilla.javascript.Callable;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.ScriptRuntime;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;
import org.mozilla.javascript.Symbol;
import org.mozilla.javascript.Undefined;
import org.mozilla.javascript.typedarrays.NativeArrayBuffer;
import org.mozilla.javascript.typedarrays.NativeArrayBufferView;
import org.mozilla.javascript.typedarrays.NativeTypedArrayView;
import org.mozilla.javascript.typedarrays.NativeUint8Array;
import org.mozilla.javascript.typedarrays.NativeUint8ClampedArray;

/**
 * Conversions between JS values and the plain Java values that cases (through MessagePack) and
 * Java-registered host functions use.
 *
 * <table>
 *   <caption>Plain Java, MessagePack and JS</caption>
 *   <tr><th>Java</th><th>MessagePack</th><th>JS</th></tr>
 *   <tr><td>null</td><td>nil</td><td>null (undefined reads back as null)</td></tr>
 *   <tr><td>Boolean</td><td>bool</td><td>boolean</td></tr>
 *   <tr><td>Long / BigInteger / Double</td><td>int / float</td><td>number (integral numbers read back as int)</td></tr>
 *   <tr><td>String</td><td>str</td><td>string</td></tr>
 *   <tr><td>byte[]</td><td>bin</td><td>Uint8Array (any byte view or ArrayBuffer reads back as bin)</td></tr>
 *   <tr><td>List</td><td>array</td><td>Array (other typed arrays read back as arrays of numbers)</td></tr>
 *   <tr><td>Map</td><td>map (keys as strings in JS)</td><td>object (own enumerable properties)</td></tr>
 *   <tr><td>Instant</td><td>timestamp</td><td>Date</td></tr>
 * </table>
 *
 * Functions and symbols read back as the strings {@code "<function>"} and {@code "<symbol>"}, as
 * Go's {@code js.Value.String()} shows them; cycles are errors.
 */
final class JsValues {
    private static final int MAX_DEPTH = 200;
    private static final double MAX_SAFE = 9007199254740991d;

    private JsValues() {}

    // ---------------------------------------------------------------- JS -> Java

    /** A plain Java value for {@code js}; throws IllegalArgumentException for what has none. */
    static Object toJava(Object js) {
        return toJava(js, 0, new IdentityHashMap<>());
    }

    private static Object toJava(Object js, int depth, IdentityHashMap<Object, Boolean> seen) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("value nested deeper than " + MAX_DEPTH + " levels");
        }
        if (js == null || Undefined.isUndefined(js) || js == Undefined.SCRIPTABLE_UNDEFINED) {
            return null;
        }
        if (js instanceof Boolean b) {
            return b;
        }
        if (js instanceof BigInteger big) {
            return big;
        }
        if (js instanceof Number n) {
            double d = n.doubleValue();
            if (d == Math.rint(d) && Math.abs(d) <= MAX_SAFE && !(d == 0 && 1 / d < 0)) {
                return (long) d;
            }
            return d;
        }
        if (js instanceof CharSequence cs) {
            return cs.toString();
        }
        // Functions and symbols read as Go's js.Value.String() prints them.
        if (js instanceof Symbol) {
            return "<symbol>";
        }
        if (js instanceof Callable) {
            return "<function>";
        }
        if (js instanceof NativeUint8Array || js instanceof NativeUint8ClampedArray
                || js instanceof NativeArrayBufferView v && !(v instanceof NativeTypedArrayView<?>)) {
            NativeArrayBufferView view = (NativeArrayBufferView) js;
            byte[] out = new byte[view.getByteLength()];
            System.arraycopy(view.getBuffer().getBuffer(), view.getByteOffset(), out, 0, out.length);
            return out;
        }
        if (js instanceof NativeArrayBuffer buffer) {
            return buffer.getBuffer().clone();
        }
        if (!(js instanceof Scriptable obj)) {
            throw new IllegalArgumentException("a " + js.getClass().getSimpleName() + " has no MessagePack form");
        }
        if ("Date".equals(obj.getClassName())) {
            double ms = ScriptRuntime.toNumber(obj);
            if (Double.isNaN(ms)) {
                throw new IllegalArgumentException("an invalid Date has no MessagePack form");
            }
            return Instant.ofEpochMilli((long) ms);
        }
        if (seen.put(obj, Boolean.TRUE) != null) {
            throw new IllegalArgumentException("the value contains a cycle");
        }
        try {
            if (obj instanceof NativeTypedArrayView<?> typed) {
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < typed.size(); i++) {
                    items.add(toJava(typed.get(i), depth + 1, seen));
                }
                return items;
            }
            if (ScriptRuntime.isArrayObject(obj)) {
                long length = (long) ScriptRuntime.toNumber(ScriptableObject.getProperty(obj, "length"));
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < length; i++) {
                    Object item = ScriptableObject.getProperty(obj, i);
                    items.add(item == Scriptable.NOT_FOUND ? null : toJava(item, depth + 1, seen));
                }
                return items;
            }
            Map<Object, Object> map = new LinkedHashMap<>();
            if ("Error".equals(obj.getClassName())) {
                map.put("name", ScriptRuntime.toString(ScriptableObject.getProperty(obj, "name")));
                map.put("message", ScriptRuntime.toString(ScriptableObject.getProperty(obj, "message")));
            }
            for (Object id : obj.getIds()) {
                String key = id instanceof String s ? s : ScriptRuntime.toString(id);
                Object v = id instanceof Integer i ? obj.get(i, obj) : obj.get(key, obj);
                if (v == Scriptable.NOT_FOUND) {
                    continue;
                }
                map.put(key, toJava(v, depth + 1, seen));
            }
            return map;
        } finally {
            seen.remove(obj);
        }
    }

    // ---------------------------------------------------------------- Java -> JS

    /** The JS value for a plain Java value. */
    static Object toJs(Object java, Context cx, Scriptable scope) {
        if (java == null) {
            return null;
        }
        if (java instanceof Boolean || java instanceof String) {
            return java;
        }
        if (java instanceof BigInteger big) {
            return big.doubleValue();
        }
        if (java instanceof Number n) {
            return n.doubleValue();
        }
        if (java instanceof CharSequence cs) {
            return cs.toString();
        }
        if (java instanceof byte[] bytes) {
            return uint8Array(bytes, cx, scope);
        }
        if (java instanceof Instant t) {
            return cx.newObject(scope, "Date", new Object[] {(double) t.toEpochMilli()});
        }
        if (java instanceof List<?> list) {
            Object[] items = new Object[list.size()];
            for (int i = 0; i < items.length; i++) {
                items[i] = toJs(list.get(i), cx, scope);
            }
            return cx.newArray(scope, items);
        }
        if (java instanceof Map<?, ?> map) {
            Scriptable obj = cx.newObject(scope);
            for (Map.Entry<?, ?> e : map.entrySet()) {
                ScriptableObject.putProperty(obj, String.valueOf(e.getKey()), toJs(e.getValue(), cx, scope));
            }
            return obj;
        }
        throw new IllegalArgumentException("no JS form for a " + java.getClass().getName());
    }

    static NativeUint8Array uint8Array(byte[] bytes, Context cx, Scriptable scope) {
        NativeUint8Array array = (NativeUint8Array) cx.newObject(scope, "Uint8Array", new Object[] {bytes.length});
        System.arraycopy(bytes, 0, array.getBuffer().getBuffer(), array.getByteOffset(), bytes.length);
        return array;
    }

    // ---------------------------------------------------------------- MessagePack <-> Java

    /** Decodes one MessagePack value into plain Java values. */
    static Object unpack(byte[] msgpack) throws IOException {
        try (MessageUnpacker in = MessagePack.newDefaultUnpacker(msgpack)) {
            Object value = unpack(in, 0);
            if (in.hasNext()) {
                throw new IOException("trailing bytes after the first MessagePack value");
            }
            return value;
        }
    }

    private static Object unpack(MessageUnpacker in, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IOException("MessagePack value nested deeper than " + MAX_DEPTH + " levels");
        }
        MessageFormat format = in.getNextFormat();
        ValueType type = format.getValueType();
        switch (type) {
            case NIL:
                in.unpackNil();
                return null;
            case BOOLEAN:
                return in.unpackBoolean();
            case INTEGER:
                if (format == MessageFormat.UINT64) {
                    BigInteger big = in.unpackBigInteger();
                    return big.bitLength() < 64 ? (Object) big.longValue() : big;
                }
                return in.unpackLong();
            case FLOAT:
                return in.unpackDouble();
            case STRING:
                return in.unpackString();
            case BINARY:
                return in.readPayload(in.unpackBinaryHeader());
            case ARRAY: {
                int n = in.unpackArrayHeader();
                List<Object> items = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    items.add(unpack(in, depth + 1));
                }
                return items;
            }
            case MAP: {
                int n = in.unpackMapHeader();
                Map<Object, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    Object key = unpack(in, depth + 1);
                    map.put(key, unpack(in, depth + 1));
                }
                return map;
            }
            case EXTENSION: {
                var header = in.unpackExtensionTypeHeader();
                if (header.getType() == -1) {
                    // The timestamp extension: re-read it through the library's own decoder.
                    byte[] data = in.readPayload(header.getLength());
                    MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
                    p.packExtensionTypeHeader((byte) -1, data.length);
                    p.writePayload(data);
                    try (MessageUnpacker ts = MessagePack.newDefaultUnpacker(p.toByteArray())) {
                        return ts.unpackTimestamp();
                    }
                }
                throw new IOException("extension type " + header.getType() + " has no JS form");
            }
            default:
                throw new IOException("unexpected MessagePack type " + type);
        }
    }

    /** Encodes a plain Java value as MessagePack. */
    static byte[] pack(Object java) {
        try (MessageBufferPacker out = MessagePack.newDefaultBufferPacker()) {
            pack(java, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pack(Object v, MessageBufferPacker out) throws IOException {
        if (v == null) {
            out.packNil();
        } else if (v instanceof Boolean b) {
            out.packBoolean(b);
        } else if (v instanceof BigInteger big) {
            out.packBigInteger(big);
        } else if (v instanceof Double || v instanceof Float) {
            out.packDouble(((Number) v).doubleValue());
        } else if (v instanceof Number n) {
            out.packLong(n.longValue());
        } else if (v instanceof String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            out.packRawStringHeader(utf8.length);
            out.writePayload(utf8);
        } else if (v instanceof byte[] bytes) {
            out.packBinaryHeader(bytes.length);
            out.writePayload(bytes);
        } else if (v instanceof Instant t) {
            out.packTimestamp(t);
        } else if (v instanceof List<?> list) {
            out.packArrayHeader(list.size());
            for (Object item : list) {
                pack(item, out);
            }
        } else if (v instanceof Map<?, ?> map) {
            out.packMapHeader(map.size());
            for (Map.Entry<?, ?> e : map.entrySet()) {
                pack(e.getKey(), out);
                pack(e.getValue(), out);
            }
        } else {
            throw new IllegalArgumentException("no MessagePack form for a " + v.getClass().getName());
        }
    }
}
