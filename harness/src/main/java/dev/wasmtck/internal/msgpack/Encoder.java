package dev.wasmtck.internal.msgpack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.Map;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;

/** Packs plain values with msgpack-core defaults, i.e. the smallest encoding of each value. */
final class Encoder {
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private Encoder() {}

    static byte[] encode(Val v) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            write(p, v);
            p.flush();
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // an in-memory buffer does not fail
        }
    }

    private static void write(MessagePacker p, Val v) throws IOException {
        if (v instanceof Val.Nil) {
            p.packNil();
        } else if (v instanceof Val.Bool b) {
            p.packBoolean(b.value());
        } else if (v instanceof Val.Int i) {
            if (i.value().compareTo(LONG_MAX) > 0) {
                p.packBigInteger(i.value()); // uint64 beyond signed range
            } else {
                p.packLong(i.value().longValueExact());
            }
        } else if (v instanceof Val.F32 f) {
            p.packFloat(f.value());
        } else if (v instanceof Val.F64 d) {
            p.packDouble(d.value());
        } else if (v instanceof Val.Str s) {
            p.packRawStringHeader(s.utf8().length);
            p.writePayload(s.utf8());
        } else if (v instanceof Val.Bin b) {
            p.packBinaryHeader(b.bytes().length);
            p.writePayload(b.bytes());
        } else if (v instanceof Val.Ext e) {
            p.packExtensionTypeHeader(e.type(), e.data().length);
            p.writePayload(e.data());
        } else if (v instanceof Val.Ts t) {
            p.packTimestamp(t.instant());
        } else if (v instanceof Val.Arr a) {
            p.packArrayHeader(a.items().size());
            for (Val item : a.items()) {
                write(p, item);
            }
        } else if (v instanceof Val.MapV m) {
            p.packMapHeader(m.entries().size());
            for (Map.Entry<Val, Val> e : m.entries()) {
                write(p, e.getKey());
                write(p, e.getValue());
            }
        } else {
            throw new IllegalArgumentException("matchers cannot be encoded: " + v.typeName());
        }
    }
}
