package dev.wasmtck.internal.host.external;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.Value;

/**
 * One frame of the host protocol (docs/host-protocol.md): a MessagePack map with string keys and a
 * {@code type}, sent as a 4-byte big-endian length followed by that many bytes. Both the kit and the
 * Java reference adapter use this class, so the two ends cannot disagree on the framing.
 */
public final class Frame {
    /** The largest frame either end accepts; a length above it is treated as garbage, not allocated. */
    public static final int MAX_BYTES = 512 << 20;

    private final Map<String, Value> fields;

    private Frame(Map<String, Value> fields) {
        this.fields = fields;
    }

    public String type() {
        return text("type").orElse("");
    }

    public boolean has(String key) {
        Value v = fields.get(key);
        return v != null && !v.isNilValue();
    }

    public Optional<Value> value(String key) {
        return has(key) ? Optional.of(fields.get(key)) : Optional.empty();
    }

    public Optional<String> text(String key) {
        return value(key).filter(Value::isStringValue).map(v -> v.asStringValue().asString());
    }

    public Optional<byte[]> bytes(String key) {
        return value(key).filter(v -> v.isBinaryValue() || v.isStringValue()).map(v -> v.asRawValue().asByteArray());
    }

    public Optional<Long> number(String key) {
        return value(key).filter(Value::isIntegerValue).map(v -> v.asIntegerValue().asLong());
    }

    /** A required text field; {@link ProtocolError} names the frame when it is missing or of another type. */
    public String requireText(String key) throws ProtocolError {
        return text(key).orElseThrow(() -> new ProtocolError("a '" + type() + "' frame without the text field '" + key + "'"));
    }

    public byte[] requireBytes(String key) throws ProtocolError {
        return bytes(key).orElseThrow(() -> new ProtocolError("a '" + type() + "' frame without the binary field '" + key + "'"));
    }

    public List<String> textList(String key) {
        return value(key).filter(Value::isArrayValue).map(v -> v.asArrayValue().list().stream()
                .filter(Value::isStringValue).map(s -> s.asStringValue().asString()).toList()).orElse(List.of());
    }

    @Override
    public String toString() {
        return fields.toString();
    }

    /** The frame did not follow the protocol: bad framing, not a map, a missing field. */
    public static final class ProtocolError extends Exception {
        private static final long serialVersionUID = 1L;

        public ProtocolError(String message) {
            super(message);
        }
    }

    /** Reads one frame; empty at a clean end of stream before a frame starts. */
    public static Optional<Frame> read(InputStream in) throws IOException, ProtocolError {
        DataInputStream data = new DataInputStream(in);
        int first = data.read();
        if (first < 0) {
            return Optional.empty();
        }
        byte[] rest = new byte[3];
        try {
            data.readFully(rest);
        } catch (EOFException e) {
            throw new ProtocolError("the stream ended inside a frame's length prefix");
        }
        long length = ((long) first << 24 | (rest[0] & 0xff) << 16 | (rest[1] & 0xff) << 8 | (rest[2] & 0xff)) & 0xffffffffL;
        if (length == 0 || length > MAX_BYTES) {
            throw new ProtocolError("a frame length of " + length + " bytes (bytes "
                    + String.format("%02x %02x %02x %02x", first, rest[0], rest[1], rest[2])
                    + "); frames are 1.." + MAX_BYTES + " bytes, so this is not a frame");
        }
        byte[] body = new byte[(int) length];
        try {
            data.readFully(body);
        } catch (EOFException e) {
            throw new ProtocolError("the stream ended inside a frame of " + length + " bytes");
        }
        return Optional.of(decode(body));
    }

    static Frame decode(byte[] body) throws ProtocolError {
        Value value;
        try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(body)) {
            value = unpacker.unpackValue();
            if (unpacker.hasNext()) {
                throw new ProtocolError("a frame with bytes after its MessagePack value");
            }
        } catch (IOException | RuntimeException e) {
            throw new ProtocolError("a frame that is not valid MessagePack (" + e.getMessage() + ")");
        }
        if (!value.isMapValue()) {
            throw new ProtocolError("a frame that is a MessagePack " + value.getValueType().name().toLowerCase()
                    + ", not a map");
        }
        Map<String, Value> fields = new LinkedHashMap<>();
        for (Map.Entry<Value, Value> e : value.asMapValue().map().entrySet()) {
            if (!e.getKey().isStringValue()) {
                throw new ProtocolError("a frame with a non-string key " + e.getKey());
            }
            fields.put(e.getKey().asStringValue().asString(), e.getValue());
        }
        Frame frame = new Frame(fields);
        if (frame.type().isEmpty()) {
            throw new ProtocolError("a frame without a 'type': " + fields);
        }
        return frame;
    }

    /**
     * Writes {@code fields} as one frame. Values may be null, String, byte[] (bin), Number, Boolean,
     * Map, List or a msgpack {@link Value}.
     */
    public static void write(OutputStream out, Map<String, ?> fields) throws IOException {
        byte[] body = encode(fields);
        ByteArrayOutputStream framed = new ByteArrayOutputStream(body.length + 4);
        framed.write(ByteBuffer.allocate(4).putInt(body.length).array());
        framed.write(body);
        out.write(framed.toByteArray());
        out.flush();
    }

    static byte[] encode(Map<String, ?> fields) throws IOException {
        try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
            pack(packer, fields);
            return packer.toByteArray();
        }
    }

    private static void pack(MessagePacker p, Object v) throws IOException {
        if (v == null) {
            p.packNil();
        } else if (v instanceof String s) {
            p.packString(s);
        } else if (v instanceof byte[] b) {
            p.packBinaryHeader(b.length).writePayload(b);
        } else if (v instanceof Boolean b) {
            p.packBoolean(b);
        } else if (v instanceof Number n) {
            p.packLong(n.longValue());
        } else if (v instanceof Value value) {
            p.packValue(value);
        } else if (v instanceof Map<?, ?> m) {
            p.packMapHeader(m.size());
            for (Map.Entry<?, ?> e : m.entrySet()) {
                p.packString(String.valueOf(e.getKey()));
                pack(p, e.getValue());
            }
        } else if (v instanceof List<?> l) {
            p.packArrayHeader(l.size());
            for (Object item : l) {
                pack(p, item);
            }
        } else {
            throw new IllegalArgumentException("cannot put a " + v.getClass().getName() + " into a frame");
        }
    }
}
