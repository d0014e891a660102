package dev.wasmtck.host.wapc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * The host side of waPC host calls for one run, shared by the real waPC host and fake waPC over
 * wasm_exec: answers each call from the case's handlers and records it for {@code expect.host-calls}.
 */
public final class HostCalls {
    /** The host's answer: exactly one of response and error is non-null. */
    public record Answer(byte[] response, byte[] error) {}

    private record Call(String binding, String namespace, String operation, byte[] payload) {}

    private final List<HostCallHandler> handlers;
    private final List<Call> calls = new ArrayList<>();

    public HostCalls(Object settings) {
        this.handlers = settings instanceof WapcSettings s ? s.handlers() : List.of();
    }

    /** Records the call and answers it from the first matching handler, or fails it when none matches. */
    public Answer answer(String binding, String namespace, String operation, byte[] payload) {
        calls.add(new Call(binding, namespace, operation, payload));
        for (HostCallHandler h : handlers) {
            if (h.matches(binding, namespace, operation)) {
                if (h.error() != null) {
                    return new Answer(null, h.error().getBytes(StandardCharsets.UTF_8));
                }
                return new Answer(h.echo() ? payload : h.response(), null);
            }
        }
        return new Answer(null, ("no host handler for binding \"" + binding + "\", namespace \"" + namespace
                + "\", operation \"" + operation + "\"").getBytes(StandardCharsets.UTF_8));
    }

    /** The calls so far as a MessagePack array of {binding, namespace, operation, payload (bin)}. */
    public byte[] encoded() {
        try (MessageBufferPacker out = MessagePack.newDefaultBufferPacker()) {
            out.packArrayHeader(calls.size());
            for (Call c : calls) {
                out.packMapHeader(4);
                out.packString("binding").packString(c.binding());
                out.packString("namespace").packString(c.namespace());
                out.packString("operation").packString(c.operation());
                out.packString("payload").packBinaryHeader(c.payload().length);
                out.writePayload(c.payload());
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
