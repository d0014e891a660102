package dev.wasmtck.internal.host.bridge;

import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.runtime.GuestFault.Kind;
import dev.wasmtck.module.FunctionType;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.Value;

/**
 * The value form's numbers, as the rest of the kit sees them: MessagePack integers. A case's input,
 * a get's argument and answer, and the call's result are each one integer (an i32 taken as signed, or
 * an unsigned value up to 2^32 - 1); nil stands for "no number" (an entry or get without a parameter).
 */
final class BridgeValues {
    private static final byte[] NIL = {(byte) 0xc0};

    private BridgeValues() {}

    /**
     * What the entry is called with: the case's input as its one i32. An entry without parameter does not
     * see the input, as under the seed's JavaScript host, so one case serves both shapes of the form.
     */
    static long[] entryArguments(byte[] input, String entry, FunctionType type) throws GuestFault {
        if (type.params().isEmpty()) {
            return new long[0];
        }
        if (input.length == 0 || input.length == 1 && input[0] == NIL[0]) {
            throw new GuestFault(Kind.PROTOCOL, entry + " " + type + " takes a number, but the case gives no input");
        }
        return new long[] {number(input, "the input of " + entry)};
    }

    /** The one integer in {@code payload}, as an i32; anything else is a protocol fault naming {@code what}. */
    static int number(byte[] payload, String what) throws GuestFault {
        Value value = decode(payload);
        if (value != null && value.isIntegerValue()) {
            var integer = value.asIntegerValue();
            if (integer.isInLongRange()) {
                long n = integer.toLong();
                if (n >= Integer.MIN_VALUE && n <= 0xFFFF_FFFFL) {
                    return (int) n;
                }
            }
        }
        throw new GuestFault(Kind.PROTOCOL, what + " is " + describe(payload) + ", but the value form passes an i32:"
                + " an integer from -2147483648 to 4294967295");
    }

    /** The argument of a value-form get: the number it passed, or nil when it takes none. */
    static byte[] argument(long[] args) {
        return args.length == 0 ? NIL.clone() : encode((int) args[0]);
    }

    /** An i32 as a signed MessagePack integer. */
    static byte[] encode(int value) {
        try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
            packer.packInt(value);
            return packer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The single value in the bytes, or null when they are not exactly one. */
    private static Value decode(byte[] payload) {
        try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(payload)) {
            if (!unpacker.hasNext()) {
                return null;
            }
            Value value = unpacker.unpackValue();
            return unpacker.hasNext() ? null : value;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String describe(byte[] payload) {
        Value value = decode(payload);
        return value == null ? payload.length + " bytes that are not one MessagePack value"
                : value.getValueType().name().toLowerCase(java.util.Locale.ROOT) + " " + value;
    }
}
