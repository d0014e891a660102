package dev.wasmtck.internal.host.bridge;

import dev.wasmtck.abi.bridge.BridgeSettings;
import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.host.GuestModule;
import dev.wasmtck.host.Invocation;
import dev.wasmtck.runtime.Limits;
import dev.wasmtck.host.PreparedGuest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;

/** Test helpers: fixture modules and MessagePack payloads. */
final class Guests {
    private Guests() {}

    static final Limits LIMITS = new Limits(Duration.ofSeconds(5), 16L << 20);

    static GuestModule module(String name) {
        String resource = "wat/" + name + ".wasm";
        try (InputStream in = Guests.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test fixture " + resource + " (run ci/wat-fixtures.sh)");
            }
            return new GuestModule(name + ".wasm", in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PreparedGuest prepare(String name, boolean compile) throws GuestFault {
        return new AsyncBridgeHost(new dev.wasmtck.internal.runtime.chicory.ChicoryRuntime(compile)).prepare(module(name));
    }

    static Invocation call(byte[] input, BridgeSettings settings) {
        return call(input, settings, LIMITS);
    }

    static Invocation call(byte[] input, BridgeSettings settings, Limits limits) {
        return new Invocation(AsyncBridgeAbi.NAME, "call", input, settings, limits);
    }

    static byte[] msgpack(Packing body) {
        try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
            body.pack(packer);
            return packer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] string(String s) {
        return msgpack(p -> p.packString(s));
    }

    /** {message: text}, the seed's example input. */
    static byte[] message(String text) {
        return msgpack(p -> p.packMapHeader(1).packString("message").packString(text));
    }

    static byte[] mode(int mode) {
        return msgpack(p -> p.packInt(mode));
    }

    interface Packing {
        void pack(MessagePacker packer) throws IOException;
    }
}
