package dev.wasmtck.internal.host.external;

import dev.wasmtck.abi.wapc.WapcSettings;
import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.runtime.Limits;
import dev.wasmtck.host.Outcome;
import dev.wasmtck.host.PooledGuest;
import dev.wasmtck.abi.wapc.HostCalls;
import dev.wasmtck.internal.host.wapc.WapcAbi;
import java.util.concurrent.atomic.AtomicLong;
import org.msgpack.value.Value;

/**
 * A concurrent case's pool of instances, kept by the adapter (docs/host-protocol.md#concurrent-calls):
 * one adapter process for the pool's life, several calls in flight on it at once, each with its own
 * id, callbacks and record of host calls (the handlers' barriers are the pool's).
 */
final class ExternalPool implements PooledGuest.GuestPool {
    private static final AtomicLong IDS = new AtomicLong();

    private final ExternalHost host;
    private final ExternalGuest guest;
    private final Object settings;
    private final Limits limits;
    private final HostCalls shared;
    private final AdapterProcess process;
    private final long id = IDS.incrementAndGet();
    private final AtomicLong calls = new AtomicLong();

    ExternalPool(ExternalHost host, ExternalGuest guest, int size, Object settings, Limits limits) throws GuestFault {
        this.host = host;
        this.guest = guest;
        this.settings = settings;
        this.limits = limits;
        this.shared = guest.abi().equals(WapcAbi.NAME) ? new HostCalls(WapcSettings.of(settings)) : null;
        this.process = host.lend();
        try {
            process.openPool(guest, id, size, ProtocolSettings.toFrame(settings), limits,
                    KitCallbacks.forPoolCall(guest.abi(), settings, shared));
        } catch (GuestFault | RuntimeException e) {
            host.endLoan(process);
            throw e;
        }
    }

    @Override
    public Outcome call(String function, byte[] input) throws GuestFault {
        KitCallbacks callbacks = KitCallbacks.forPoolCall(guest.abi(), settings, shared);
        Outcome o = process.poolCall(id, calls.incrementAndGet(), function, input, callbacks, limits.callBound());
        // An adapter whose host tells instance set-up from the call reports the call's own host calls.
        byte[] hostCalls = o.hostCalls() != null ? o.hostCalls() : callbacks.hostCalls();
        return new Outcome(o.output(), o.stdout(), o.stderr(), o.exitCode(), o.globals(), hostCalls);
    }

    /** The adapter's counts; zeros when it cannot say (the process failed), which the case then reports. */
    @Override
    public PooledGuest.Stats stats() {
        Frame f = process.usable() ? process.poolRequest("pool-stats", id) : null;
        return f == null ? new PooledGuest.Stats(0, 0, 0)
                : new PooledGuest.Stats(count(f, "created"), count(f, "discarded"), count(f, "peak-busy"));
    }

    @Override
    public void close() {
        if (process.usable()) {
            process.poolRequest("pool-close", id);
        }
        host.endLoan(process);
    }

    private static int count(Frame f, String key) {
        return f.value(key).filter(Value::isIntegerValue).map(v -> v.asIntegerValue().asInt()).orElse(0);
    }
}
