package dev.wasmtck.internal.host.pool;

import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.runtime.Limits;
import dev.wasmtck.host.Outcome;
import dev.wasmtck.host.PooledGuest.GuestPool;
import dev.wasmtck.host.PooledGuest.Stats;
import dev.wasmtck.internal.runtime.Watchdog;
import java.util.function.Consumer;

/**
 * A case's {@link GuestPool} over an {@link InstancePool}: each call runs under one watchdog of the
 * case's limit, started before it waits for an instance, so waiting, creating an instance (under the
 * separate initialisation limit when the case has one) and the call itself all count against it.
 * Real waPC ({@code host.wapc.PooledWapc}) and fake waPC over wasm_exec both pool their instances through it.
 *
 * @param <I> the instance type
 */
public final class WatchedGuestPool<I> implements GuestPool {

    /** Creates and initialises an instance under {@code watchdog}. */
    @FunctionalInterface
    public interface Opener<I> {
        I open(Watchdog watchdog) throws GuestFault;
    }

    /** One call on an instance under {@code watchdog}. */
    @FunctionalInterface
    public interface Caller<I> {
        Outcome call(I instance, Watchdog watchdog, String function, byte[] input) throws GuestFault;
    }

    private final Limits limits;
    private final Opener<I> opener;
    private final Caller<I> caller;
    private final InstancePool<I> pool;

    /** @param dispose releases an instance the pool drops (after a fault, or at close) */
    public WatchedGuestPool(int size, Limits limits, Opener<I> opener, Caller<I> caller, Consumer<I> dispose) {
        this.limits = limits;
        this.opener = opener;
        this.caller = caller;
        this.pool = new InstancePool<>(size, dispose);
    }

    @Override
    public Outcome call(String function, byte[] input) throws GuestFault {
        try (Watchdog w = Watchdog.start(limits.timeout())) {
            return pool.use(() -> {
                w.beginInitialisation(limits);
                I instance = opener.open(w);
                w.beginCall(limits);
                return instance;
            }, instance -> caller.call(instance, w, function, input));
        }
    }

    @Override
    public Stats stats() {
        return pool.stats();
    }

    @Override
    public void close() {
        pool.close();
    }
}
