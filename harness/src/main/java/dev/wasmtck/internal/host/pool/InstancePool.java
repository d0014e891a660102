package dev.wasmtck.internal.host.pool;

import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.runtime.GuestFault.Kind;
import dev.wasmtck.host.PooledGuest.Stats;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * A bounded pool of guest instances for one case run. Instances are created lazily, at most
 * {@code size} exist at once, and an idle one is reused only when its last call ended cleanly
 * (a result or a guest error); a trap, timeout, exit, protocol error or host failure discards it,
 * since its memory and globals may be half-updated.
 *
 * <p>One pool per case run, never shared across cases: per-instance state (counters, caches,
 * whatever init did) then cannot leak from one case into another, and a case's expectations do not
 * depend on which cases ran before it or in parallel with it.
 *
 * @param <I> the instance type; the pool only hands it out, the caller runs it
 */
public final class InstancePool<I> {

    /** Makes a new instance; called on the thread that will use it, under that call's time limit. */
    @FunctionalInterface
    public interface Factory<I> {
        I create() throws GuestFault;
    }

    /** One call on an instance. */
    @FunctionalInterface
    public interface Use<I, R> {
        R apply(I instance) throws GuestFault;
    }

    private final int size;
    /** Releases what an instance holds once the pool drops it (a serving thread, say). */
    private final Consumer<I> dispose;
    private final Semaphore permits;
    private final Deque<I> idle = new ArrayDeque<>();
    private int created;
    private int discarded;
    private int busy;
    private int peakBusy;
    private boolean closed;

    public InstancePool(int size) {
        this(size, instance -> {});
    }

    /** With {@code dispose} run on every instance the pool drops: discarded, or left over at close. */
    public InstancePool(int size, Consumer<I> dispose) {
        if (size < 1) {
            throw new IllegalArgumentException("pool size must be at least 1: " + size);
        }
        this.size = size;
        this.dispose = dispose;
        this.permits = new Semaphore(size, true);
    }

    /**
     * Runs {@code body} on an idle instance, or on a new one from {@code factory}, waiting while all
     * {@code size} are busy. An interrupt while waiting (the caller's watchdog) is a timeout.
     */
    public <R> R use(Factory<I> factory, Use<I, R> body) throws GuestFault {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GuestFault(Kind.TIMEOUT, "waited in vain for a free instance (all " + size
                    + " of the pool's instances stayed busy)", e);
        }
        I instance;
        synchronized (this) {
            if (closed) {
                permits.release();
                throw new IllegalStateException("the instance pool is closed");
            }
            instance = idle.poll();
            if (instance == null) {
                created++;
            }
            busy++;
            peakBusy = Math.max(peakBusy, busy);
        }
        boolean keep = false;
        try {
            if (instance == null) {
                instance = factory.create();
            }
            R result = body.apply(instance);
            keep = true;
            return result;
        } catch (GuestFault f) {
            // A clean guest error leaves the instance as the guest meant it; anything else may not.
            keep = instance != null && f.kind() == Kind.GUEST_ERROR;
            throw f;
        } finally {
            boolean drop;
            synchronized (this) {
                busy--;
                drop = !keep || closed;
                if (!drop) {
                    idle.push(instance);
                } else if (!keep) {
                    discarded++;
                }
            }
            if (drop && instance != null) {
                dispose.accept(instance);
            }
            permits.release();
        }
    }

    public synchronized Stats stats() {
        return new Stats(created, discarded, peakBusy);
    }

    /** Drops (and disposes of) the idle instances; instances still busy are dropped when their call ends. */
    public void close() {
        List<I> left;
        synchronized (this) {
            closed = true;
            left = new ArrayList<>(idle);
            idle.clear();
        }
        left.forEach(dispose);
    }
}
