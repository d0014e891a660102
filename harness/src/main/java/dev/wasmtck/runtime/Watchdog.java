package dev.wasmtck.runtime;

import dev.wasmtck.host.Limits;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Enforces a wall-clock limit on the thread that runs a guest. When the limit passes, the watchdog
 * interrupts that thread: Chicory notices at the next call or backward branch and throws
 * {@code ChicoryInterruptedException}; host code blocked in a wait sees an {@link InterruptedException}.
 *
 * <p>Use it in try-with-resources on the thread it watches. {@link #close()} cancels the timer and
 * clears an interrupt the watchdog delivered, so the thread leaves clean whatever happened.
 *
 * <p>A case with a separate initialisation limit ({@link Limits#initTimeout()}) is watched in two
 * phases: {@link #forInitialisation} arms the initialisation limit, {@link #beginCall} re-arms the
 * watchdog with the call's own limit once initialisation is over.
 */
public final class Watchdog implements AutoCloseable {
    private enum State { ARMED, FIRED, CLOSED }

    private final Thread target;
    private Duration timeout;
    private long deadlineNanos;
    private ScheduledFuture<?> task;
    private State state = State.ARMED;
    /** Whether the limit running is the separate one for initialisation (messages say so). */
    private boolean initialising;

    private Watchdog(Thread target, Duration timeout) {
        this.target = target;
        arm(timeout);
    }

    private void arm(Duration limit) {
        this.timeout = limit;
        this.deadlineNanos = System.nanoTime() + limit.toNanos();
        this.task = SharedScheduler.get().schedule(this::fire, limit.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Starts watching the current thread as it initialises a guest: under the case's initialisation
     * limit when it has one, else under its one limit for initialisation and call together.
     */
    public static Watchdog forInitialisation(Limits limits) {
        if (limits.initTimeout() == null) {
            return start(limits.timeout());
        }
        Watchdog w = start(limits.initTimeout());
        w.initialising = true;
        return w;
    }

    /** Initialisation begins now (an instance created in the middle of a pooled call). */
    public synchronized void beginInitialisation(Limits limits) {
        if (limits.initTimeout() != null && state == State.ARMED) {
            task.cancel(false);
            arm(limits.initTimeout());
            initialising = true;
        }
    }

    /** Initialisation is over: with a separate initialisation limit, the call now gets its own. */
    public synchronized void beginCall(Limits limits) {
        if (limits.initTimeout() != null && state == State.ARMED) {
            task.cancel(false);
            arm(limits.timeout());
            initialising = false;
        }
    }

    /** Starts watching the current thread. */
    public static Watchdog start(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        return new Watchdog(Thread.currentThread(), timeout);
    }

    private synchronized void fire() {
        if (state == State.ARMED) {
            state = State.FIRED;
            GuestInterrupts.interrupt(target);
        }
    }

    /** Whether the limit passed (and the thread was interrupted). */
    public synchronized boolean fired() {
        return state == State.FIRED;
    }

    public synchronized Duration timeout() {
        return timeout;
    }

    /** Nanoseconds left before the limit, never negative. */
    public synchronized long remainingNanos() {
        return Math.max(0, deadlineNanos - System.nanoTime());
    }

    /** The standard message: "did not complete within 2s", or for initialisation under its own limit, says so. */
    public synchronized String timeoutMessage() {
        return initialising ? "initialisation did not complete within " + format(timeout) + " (the case's init-timeout)"
                : "did not complete within " + format(timeout);
    }

    /** A compact duration: 2s, 250ms, 1.5s, 2m. */
    public static String format(Duration d) {
        long millis = d.toMillis();
        if (millis % 60_000 == 0 && millis >= 60_000) {
            return (millis / 60_000) + "m";
        }
        if (millis % 1000 == 0 && millis > 0) {
            return (millis / 1000) + "s";
        }
        if (millis >= 1000) {
            return (millis / 1000.0) + "s";
        }
        return millis + "ms";
    }

    @Override
    public void close() {
        boolean firedBeforeClose;
        synchronized (this) {
            firedBeforeClose = state == State.FIRED;
            state = State.CLOSED;
        }
        synchronized (this) {
            task.cancel(false);
        }
        if (firedBeforeClose && Thread.currentThread() == target) {
            // The interrupt was ours: do not let it leak into whatever the thread does next.
            Thread.interrupted();
        }
    }
}
