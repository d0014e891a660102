package dev.wasmtck.runtime;

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
 */
public final class Watchdog implements AutoCloseable {
    private enum State { ARMED, FIRED, CLOSED }

    private final Thread target;
    private final Duration timeout;
    private final long deadlineNanos;
    private final ScheduledFuture<?> task;
    private State state = State.ARMED;

    private Watchdog(Thread target, Duration timeout) {
        this.target = target;
        this.timeout = timeout;
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
        this.task = SharedScheduler.get().schedule(this::fire, timeout.toNanos(), TimeUnit.NANOSECONDS);
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

    public Duration timeout() {
        return timeout;
    }

    /** Nanoseconds left before the limit, never negative. */
    public long remainingNanos() {
        return Math.max(0, deadlineNanos - System.nanoTime());
    }

    /** The standard message: "did not complete within 2s". */
    public String timeoutMessage() {
        return "did not complete within " + format(timeout);
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
        task.cancel(false);
        if (firedBeforeClose && Thread.currentThread() == target) {
            // The interrupt was ours: do not let it leak into whatever the thread does next.
            Thread.interrupted();
        }
    }
}
