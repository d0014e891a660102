package dev.wasmtck.abi.wapc;

import org.jspecify.annotations.Nullable;
import org.apiguardian.api.API;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.runtime.GuestFault.Kind;
import dev.wasmtck.internal.host.ReplyTemplate;
import dev.wasmtck.internal.runtime.HostFunctionFault;
import dev.wasmtck.internal.util.Sha256;
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
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class HostCalls {
    /** The host's answer: exactly one of response and error is non-null. */
    public record Answer(byte @Nullable [] response, byte @Nullable [] error) {}

    /**
     * A recorded call: the whole payload while the run's record is within {@link #KEPT_BYTES}, beyond
     * that only its size and SHA-256 ({@code payload} null).
     */
    private record Call(String binding, String namespace, String operation, byte[] payload, int size, String sha256) {}

    /** Bytes of names and payloads kept whole per run; later calls keep their payload's size and digest only. */
    public static final int KEPT_BYTES = 16 << 20;
    /** Calls recorded per run at most; later ones are only counted. */
    public static final int KEPT_CALLS = 100_000;
    /** Characters of a binding, namespace or operation kept once the record is past {@link #KEPT_BYTES}. */
    private static final int KEPT_NAME = 256;
    /** MessagePack's empty array (fixarray of length 0). */
    private static final byte EMPTY_ARRAY = (byte) 0x90;
    /** The packer's own default buffer size, the most {@link #encoded} starts with. */
    private static final int DEFAULT_BUFFER = 8192;

    private final List<HostCallHandler> handlers;
    private final Barriers barriers;
    private final List<Call> calls = new ArrayList<>();
    private long keptBytes;
    private long omitted;

    public HostCalls(WapcSettings settings) {
        this(settings.handlers(), new Barriers());
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
        record(binding, namespace, operation, payload);
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

    /**
     * Keeps a call for {@code expect.host-calls} within the run's bounds: a guest making host calls with
     * huge payloads in a loop must not make the host keep them all.
     */
    private void record(String binding, String namespace, String operation, byte[] payload) {
        if (calls.size() >= KEPT_CALLS) {
            omitted++;
            return;
        }
        long bytes = (long) binding.length() + namespace.length() + operation.length() + payload.length;
        if (keptBytes + bytes <= KEPT_BYTES) {
            keptBytes += bytes;
            calls.add(new Call(binding, namespace, operation, payload, payload.length, null));
        } else {
            keptBytes = KEPT_BYTES;
            calls.add(new Call(cut(binding), cut(namespace), cut(operation), null, payload.length, Sha256.hex(payload)));
        }
    }

    private static String cut(String s) {
        return s.length() <= KEPT_NAME ? s : s.substring(0, KEPT_NAME) + "...";
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

    /**
     * The calls so far as a MessagePack array of {binding, namespace, operation, payload (bin)}; past the
     * bounds, {binding, namespace, operation, payload-size, payload-sha256} and a last {omitted-calls: N}.
     */
    public byte[] encoded() {
        if (calls.isEmpty() && omitted == 0) {
            return new byte[] {EMPTY_ARRAY}; // most calls make no host call: no packer for them
        }
        // A buffer of about the record's size rather than the packer's default 8 KiB for a call or two.
        int size = (int) Math.min(DEFAULT_BUFFER, 16 + keptBytes + 128L * calls.size());
        try (MessageBufferPacker out = MessagePack.DEFAULT_PACKER_CONFIG.withBufferSize(size).newBufferPacker()) {
            out.packArrayHeader(calls.size() + (omitted > 0 ? 1 : 0));
            for (Call c : calls) {
                out.packMapHeader(c.payload() != null ? 4 : 5);
                out.packString("binding").packString(c.binding());
                out.packString("namespace").packString(c.namespace());
                out.packString("operation").packString(c.operation());
                if (c.payload() != null) {
                    out.packString("payload").packBinaryHeader(c.payload().length);
                    out.writePayload(c.payload());
                } else {
                    out.packString("payload-size").packInt(c.size());
                    out.packString("payload-sha256").packString(c.sha256());
                }
            }
            if (omitted > 0) {
                out.packMapHeader(1);
                out.packString("omitted-calls").packLong(omitted);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
