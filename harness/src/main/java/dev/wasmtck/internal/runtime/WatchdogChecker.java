package dev.wasmtck.internal.runtime;

import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The one thread that looks at every armed {@link Watchdog} of the JVM. Arming a watchdog only adds it
 * to a queue, and closing it only marks it, so a guest call of a few microseconds pays no timer of its
 * own; this thread drops closed watchdogs, takes each new one's first reading of its thread's time,
 * and looks again when a limit may have passed. It parks while no watchdog is armed.
 */
final class WatchdogChecker {
    /** How often armed watchdogs are looked at, at most this long after they were armed. */
    static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private static final Queue<Watchdog> WATCHED = new ConcurrentLinkedQueue<>();
    /** Set while the thread parks with nothing to watch, so that arming wakes it (and only then). */
    private static volatile boolean idle;
    private static final Thread THREAD = start();

    private WatchdogChecker() {}

    private static Thread start() {
        Thread t = new Thread(WatchdogChecker::run, "wasm-tck-watchdog");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Watches {@code w} until {@link Watchdog#check} says it is done. */
    static void watch(Watchdog w) {
        WATCHED.offer(w);
        if (idle) {
            idle = false;
            LockSupport.unpark(THREAD);
        }
    }

    /** Watchdogs still in the queue: closed ones leave it within a tick. Tests use it. */
    static int watched() {
        return WATCHED.size();
    }

    private static void run() {
        while (true) {
            long sleep = TICK_NANOS;
            try {
                if (WATCHED.isEmpty()) {
                    idle = true;
                    // Re-read after publishing idle: an arming in between either is seen here or unparks us.
                    if (WATCHED.isEmpty()) {
                        LockSupport.park();
                    }
                    idle = false;
                    continue;
                }
                for (Iterator<Watchdog> it = WATCHED.iterator(); it.hasNext(); ) {
                    long wait = it.next().check();
                    if (wait == 0) {
                        it.remove();
                    } else {
                        sleep = Math.min(sleep, wait);
                    }
                }
            } catch (Throwable e) {
                // Out of heap while a guest fills it (or a failing interrupt hook): this thread must keep
                // watching the others, so it looks again at the next tick.
            }
            LockSupport.parkNanos(sleep);
        }
    }
}
