package dev.wasmtck.internal.msgpack;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.msgpack.core.ExtensionTypeHeader;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageSizeException;
import org.msgpack.core.MessageUnpacker;

/**
 * Decodes exactly one MessagePack value. Walks the wire formats itself (rather than msgpack-core's
 * Value API) so float32 stays distinct from float64, and bounds lengths and depth so a hostile payload
 * cannot make the harness allocate gigabytes or overflow the stack.
 */
final class Decoder {
    private static final int MAX_DEPTH = 512;

    /** The payload is not one well-formed MessagePack value; the message is the reason. */
    static final class MalformedException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedException(String reason) {
            super(reason);
        }
    }

    private final MessageUnpacker in;
    private final int total;

    private Decoder(byte[] bytes) {
        this.in = MessagePack.newDefaultUnpacker(bytes);
        this.total = bytes.length;
    }

    static Val decode(byte[] bytes) throws MalformedException {
        if (bytes.length == 0) {
            throw new MalformedException("the payload is empty");
        }
        Decoder d = new Decoder(bytes);
        try {
            Val v = d.read(0);
            long used = d.in.getTotalReadBytes();
            if (used < bytes.length) {
                throw new MalformedException((bytes.length - used) + " trailing bytes after the value, starting at offset "
                        + used);
            }
            return v;
        } catch (MessageSizeException e) {
            // msgpack-core refuses lengths above 2^31-1 before we can compare them with the payload size.
            throw new MalformedException("a declared length of " + e.getSize() + " exceeds the " + bytes.length
                    + "-byte payload (at offset " + d.in.getTotalReadBytes() + ")");
        } catch (MessagePackException | IOException e) {
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new MalformedException(msg + " (at offset " + d.in.getTotalReadBytes() + ")");
        }
    }

    /** Ext type -1 with a valid timestamp length is a timestamp; anything else stays a plain ext. */
    static Val extOrTimestamp(byte type, byte[] data) {
        if (type != -1 || (data.length != 4 && data.length != 8 && data.length != 12) || !validNanos(data)) {
            return new Val.Ext(type, data);
        }
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(data)) {
            return new Val.Ts(u.unpackTimestamp(new ExtensionTypeHeader(type, data.length)));
        } catch (IOException | RuntimeException e) {
            return new Val.Ext(type, data);
        }
    }

    /** The spec caps nanoseconds at 999999999; larger ones would silently roll over in Instant. */
    private static boolean validNanos(byte[] data) {
        long nanos;
        if (data.length == 8) {
            nanos = ((data[0] & 0xffL) << 22) | ((data[1] & 0xffL) << 14) | ((data[2] & 0xffL) << 6) | ((data[3] & 0xffL) >>> 2);
        } else if (data.length == 12) {
            nanos = ((data[0] & 0xffL) << 24) | ((data[1] & 0xffL) << 16) | ((data[2] & 0xffL) << 8) | (data[3] & 0xffL);
        } else {
            return true;
        }
        return nanos <= 999_999_999L;
    }

    private int checkLength(long length, String what) throws MalformedException {
        long left = total - in.getTotalReadBytes();
        if (length > left) {
            throw new MalformedException(what + " declares " + length + " bytes but only " + left
                    + " remain (at offset " + in.getTotalReadBytes() + ")");
        }
        return (int) length;
    }

    private Val read(int depth) throws IOException, MalformedException {
        if (depth > MAX_DEPTH) {
            throw new MalformedException("nested deeper than " + MAX_DEPTH + " levels");
        }
        if (!in.hasNext()) {
            throw new MalformedException("the payload ends in the middle of a value (at offset "
                    + in.getTotalReadBytes() + ")");
        }
        MessageFormat f = in.getNextFormat();
        switch (f) {
            case NIL:
                in.unpackNil();
                return Val.Nil.INSTANCE;
            case BOOLEAN:
                return new Val.Bool(in.unpackBoolean());
            case POSFIXINT, NEGFIXINT, INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32:
                return new Val.Int(BigInteger.valueOf(in.unpackLong()));
            case UINT64:
                return new Val.Int(in.unpackBigInteger());
            case FLOAT32:
                return new Val.F32(in.unpackFloat());
            case FLOAT64:
                return new Val.F64(in.unpackDouble());
            case FIXSTR, STR8, STR16, STR32: {
                int len = checkLength(Integer.toUnsignedLong(in.unpackRawStringHeader()), "a str");
                return new Val.Str(in.readPayload(len));
            }
            case BIN8, BIN16, BIN32: {
                int len = checkLength(Integer.toUnsignedLong(in.unpackBinaryHeader()), "a bin");
                return new Val.Bin(in.readPayload(len));
            }
            case FIXEXT1, FIXEXT2, FIXEXT4, FIXEXT8, FIXEXT16, EXT8, EXT16, EXT32: {
                ExtensionTypeHeader h = in.unpackExtensionTypeHeader();
                int len = checkLength(Integer.toUnsignedLong(h.getLength()), "an ext");
                return extOrTimestamp(h.getType(), in.readPayload(len));
            }
            case FIXARRAY, ARRAY16, ARRAY32: {
                long n = Integer.toUnsignedLong(in.unpackArrayHeader());
                checkLength(n, "an array of " + n + " items"); // every item takes at least one byte
                List<Val> items = new ArrayList<>();
                for (long i = 0; i < n; i++) {
                    items.add(read(depth + 1));
                }
                return new Val.Arr(items);
            }
            case FIXMAP, MAP16, MAP32: {
                long n = Integer.toUnsignedLong(in.unpackMapHeader());
                checkLength(n * 2, "a map of " + n + " entries");
                List<Map.Entry<Val, Val>> entries = new ArrayList<>();
                for (long i = 0; i < n; i++) {
                    Val k = read(depth + 1);
                    entries.add(Map.entry(k, read(depth + 1)));
                }
                return new Val.MapV(entries, false); // order is judged against the expectation
            }
            default:
                // Only NEVER_USED gets here: 0xc1 is the one type byte MessagePack reserves.
                throw new MalformedException("byte 0xc1 at offset " + in.getTotalReadBytes()
                        + " is reserved and never valid MessagePack");
        }
    }
}
