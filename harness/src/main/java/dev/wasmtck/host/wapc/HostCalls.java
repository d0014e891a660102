package dev.wasmtck.host.wapc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import dev.wasmtck.host.GuestFault;
import dev.wasmtck.host.GuestFault.Kind;
import dev.wasmtck.host.ReplyTemplate;
import dev.wasmtck.runtime.HostFunctionFault;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
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
    private final Barriers barriers;
    private final List<Call> calls = new ArrayList<>();

    public HostCalls(Object settings) {
        this(settings instanceof WapcSettings s ? s.handlers() : List.of(), new Barriers());
    }

    private HostCalls(List<HostCallHandler> handlers, Barriers barriers) {
        this.handlers = handlers;
        this.barriers = barriers;
    }

    /**
     * An empty record of calls answered by the same handlers, sharing their barriers: what each call
     * of a pooled run uses, so the calls it reports are its own while its barriers meet the others'.
     */
    public HostCalls fresh() {
        return new HostCalls(handlers, barriers);
    }

    /** The barriers of one case run, one per handler rule that has one. */
    private static final class Barriers {
        private final Map<HostCallHandler, CyclicBarrier> byRule = new IdentityHashMap<>();

        synchronized CyclicBarrier of(HostCallHandler h) {
            return byRule.computeIfAbsent(h, r -> new CyclicBarrier(r.barrier()));
        }
    }

    /** Records the call and answers it from the first matching handler, or fails it when none matches. */
    public Answer answer(String binding, String namespace, String operation, byte[] payload) {
        calls.add(new Call(binding, namespace, operation, payload));
        for (HostCallHandler h : handlers) {
            if (h.matches(binding, namespace, operation)) {
                if (h.barrier() > 1) {
                    meet(h);
                }
                if (h.java() != null) {
                    return callJava(h.java(), binding, namespace, operation, payload);
                }
                if (h.error() != null) {
                    return new Answer(null, h.error().getBytes(StandardCharsets.UTF_8));
                }
                if (h.template() != null) {
                    return templated(h.template(), binding, namespace, operation, payload);
                }
                return new Answer(h.echo() ? payload : h.response(), null);
            }
        }
        return new Answer(null, ("no host handler for binding \"" + binding + "\", namespace \"" + namespace
                + "\", operation \"" + operation + "\"").getBytes(StandardCharsets.UTF_8));
    }

    private void meet(HostCallHandler h) {
        CyclicBarrier barrier = barriers.of(h);
        try {
            barrier.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HostFunctionFault(new GuestFault(Kind.TIMEOUT, "a host call waited at a barrier for "
                    + h.barrier() + " calls at once, but fewer arrived in time (are the calls really concurrent?)", e));
        } catch (BrokenBarrierException e) {
            throw new HostFunctionFault(new GuestFault(Kind.TIMEOUT, "a host call waited at a barrier for "
                    + h.barrier() + " calls at once, which broke when another waiting call gave up", e));
        }
    }

    private static Answer templated(ReplyTemplate template, String binding, String namespace, String operation,
            byte[] payload) {
        try {
            return new Answer(template.apply(Map.of("payload", payload, "operation", utf8(operation),
                    "namespace", utf8(namespace), "binding", utf8(binding))), null);
        } catch (IllegalArgumentException e) {
            return new Answer(null, e.getMessage().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Answer callJava(JavaHostCallHandler handler, String binding, String namespace, String operation,
            byte[] payload) {
        try {
            byte[] response = handler.call(binding, namespace, operation, payload);
            return new Answer(response == null ? new byte[0] : response, null);
        } catch (Exception e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            return new Answer(null, message.getBytes(StandardCharsets.UTF_8));
        }
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
