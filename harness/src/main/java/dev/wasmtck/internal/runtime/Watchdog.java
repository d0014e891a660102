package dev.wasmtck.internal.runtime;

import dev.wasmtck.runtime.GuestInterrupts;
import dev.wasmtck.runtime.Limits;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Enforces a time limit on the thread that runs a guest. When the limit passes, the watchdog
 * interrupts that thread: Chicory notices at the next call or backward branch and throws
 * {@code ChicoryInterruptedException}; host code blocked in a wait sees an {@link InterruptedException}.
 *
 * <p>The limit is on the guest's own time: the CPU time of its thread plus the time it spent waiting
 * or blocked (a sleeping program's timers count) and the time the JVM spent collecting garbage
 * meanwhile (a guest filling the heap keeps the collector busy, and that must not stop its clock),
 * but not the time it was ready and waiting for a core. So cases run in parallel on fewer cores than
 * threads, or next to a busy JVM, are not failed for the load. A wall-clock backstop of {@link #WALL_BACKSTOP} times the limit
 * stops a guest whatever the measurement says. Where the JVM cannot measure thread CPU time, the limit
 * is wall-clock time.
 *
 * <p>Arming costs the guest's thread next to nothing (a call of a few microseconds is common): the
 * watchdog joins the queue of the one {@link WatchdogChecker} thread, which takes the first reading of
 * the thread's own time within a tick of arming (what passed before that reading counts in full, as
 * wall-clock time, so the limit is never looser) and looks again when the limit may have passed.
 *
 * <p>Use it in try-with-resources on the thread it watches. {@link #close()} disarms it and
 * clears an interrupt the watchdog delivered, so the thread leaves clean whatever happened.
 *
 * <p>A case with a separate initialisation limit ({@link Limits#initTimeout()}) is watched in two
 * phases: {@link #forInitialisation} arms the initialisation limit, {@link #beginCall} re-arms the
 * watchdog with the call's own limit once initialisation is over.
 */
public final class Watchdog implements AutoCloseable {
    private enum State { ARMED, FIRED, CLOSED }

    /** How many times its limit a guest may take in wall-clock time, however little of it was its own. */
    public static final int WALL_BACKSTOP = 5;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final boolean MEASURED = enableMeasurement();
    /** Fixed for the JVM's life; looking them up builds their names each time. */
    private static final List<GarbageCollectorMXBean> COLLECTORS = ManagementFactory.getGarbageCollectorMXBeans();
    private static final long MIN_RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final Thread target;
    private Duration timeout;
    private long limitNanos;
    private long startNanos;
    /** Whether the first reading of the thread's own time was taken since the last {@link #arm}. */
    private boolean read;
    /** When that reading was taken (wall clock), and what it said (-1: not measurable). */
    private long readNanos;
    private long readGuestNanos;
    private State state = State.ARMED;
    /** Whether the limit running is the separate one for initialisation (messages say so). */
    private boolean initialising;

    private Watchdog(Thread target, Duration timeout) {
        this.target = target;
        arm(timeout);
    }

    /** Starts the clock on {@code limit} from now, on wall-clock and guest time alike. */
    private void arm(Duration limit) {
        this.timeout = limit;
        this.limitNanos = limit.toNanos();
        this.startNanos = System.nanoTime();
        this.read = false;
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
        synchronized (w) {
            w.initialising = true;
        }
        return w;
    }

    /** Initialisation begins now (an instance created in the middle of a pooled call). */
    public synchronized void beginInitialisation(Limits limits) {
        if (limits.initTimeout() != null && state == State.ARMED) {
            arm(limits.initTimeout());
            initialising = true;
        }
    }

    /** Initialisation is over: with a separate initialisation limit, the call now gets its own. */
    public synchronized void beginCall(Limits limits) {
        if (limits.initTimeout() != null && state == State.ARMED) {
            arm(limits.timeout());
            initialising = false;
        }
    }

    private static boolean enableMeasurement() {
        try {
            if (!THREADS.isThreadCpuTimeSupported() || !THREADS.isThreadContentionMonitoringSupported()) {
                return false;
            }
            THREADS.setThreadCpuTimeEnabled(true);
            THREADS.setThreadContentionMonitoringEnabled(true);
            return true;
        } catch (UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /**
     * The thread's own time so far: CPU time plus the time it spent waiting, sleeping or blocked, plus
     * the JVM's garbage collection time, or -1 when it cannot be measured.
     */
    static long guestNanos(Thread thread) {
        if (!MEASURED) {
            return -1;
        }
        long cpu = THREADS.getThreadCpuTime(thread.getId());
        ThreadInfo info = THREADS.getThreadInfo(thread.getId());
        if (cpu < 0 || info == null || info.getWaitedTime() < 0 || info.getBlockedTime() < 0) {
            return -1;
        }
        long gcMillis = 0;
        for (GarbageCollectorMXBean gc : COLLECTORS) {
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        return cpu + TimeUnit.MILLISECONDS.toNanos(info.getWaitedTime() + info.getBlockedTime() + gcMillis);
    }

    /** Starts watching the current thread. */
    public static Watchdog start(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        Watchdog w = new Watchdog(Thread.currentThread(), timeout);
        WatchdogChecker.watch(w);
        return w;
    }

    /**
     * The guest's own time since the clock started: what passed before the first reading of its
     * thread's time counts in full (wall clock), after it the thread's own time; wall-clock time
     * throughout where that is not measurable. Takes the first reading when there is none yet.
     */
    private long used(long now) {
        if (!read) {
            read = true;
            readNanos = now;
            try {
                readGuestNanos = guestNanos(target);
            } catch (VirtualMachineError e) {
                readGuestNanos = -1; // out of heap while measuring: wall-clock time, the stricter measure
            }
            return now - startNanos;
        }
        long guest = readGuestNanos < 0 ? -1 : guestNanos(target);
        return guest < 0 ? now - startNanos : (readNanos - startNanos) + (guest - readGuestNanos);
    }

    /**
     * One look by the {@link WatchdogChecker}: takes the first reading of a newly armed
     * watchdog, and once the limit has passed in wall-clock time, interrupts the guest if it has used
     * its limit or reached the backstop. Returns the nanoseconds until the next look is due, or 0 when
     * the watchdog needs no more looks (closed or fired).
     */
    synchronized long check() {
        if (state != State.ARMED) {
            return 0;
        }
        long now = System.nanoTime(); // read under the lock, so never before a re-arming's start
        if (!read) {
            used(now);
        }
        long wall = now - startNanos;
        if (wall < limitNanos) {
            return limitNanos - wall; // the guest's own time cannot exceed wall-clock time
        }
        try {
            long used = used(now);
            long backstop = limitNanos * WALL_BACKSTOP;
            if (used < limitNanos && wall < backstop) {
                return Math.max(Math.min(limitNanos - used, backstop - wall), MIN_RECHECK_NANOS);
            }
        } catch (VirtualMachineError e) {
            // Out of heap while measuring (a guest is filling it): stop the guest rather than lose the limit.
        }
        state = State.FIRED;
        GuestInterrupts.interrupt(target);
        return 0;
    }

    /** Watchdogs the checker still holds: closed ones leave within a tick of closing. Tests use it. */
    public static int watched() {
        return WatchdogChecker.watched();
    }

    /** Whether the limit passed (and the thread was interrupted). */
    public synchronized boolean fired() {
        return state == State.FIRED;
    }

    public synchronized Duration timeout() {
        return timeout;
    }

    /** Nanoseconds left before the limit, never negative (guest time where it is measured). */
    public synchronized long remainingNanos() {
        return Math.max(0, limitNanos - used(System.nanoTime()));
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
            state = State.CLOSED; // the checker drops it at its next look
        }
        if (firedBeforeClose && Thread.currentThread() == target) {
            // The interrupt was ours: do not let it leak into whatever the thread does next.
            Thread.interrupted();
        }
    }
}
