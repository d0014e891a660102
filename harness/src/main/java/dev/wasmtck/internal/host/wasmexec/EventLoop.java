package dev.wasmtck.internal.host.wasmexec;

import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The single-threaded event loop of one guest instance: timers from JS ({@code setTimeout}) and from
 * the Go runtime ({@code scheduleTimeoutEvent}) in due order, ties broken by scheduling order, as
 * node runs them. Everything runs on the guest's thread; waiting for the next timer is the only
 * blocking, and it answers interrupts so a case's time limit stops a sleeping guest too.
 */
final class EventLoop {
    /** A scheduled task. */
    private record Timer(int id, long dueNanos, long seq, Runnable task) implements Comparable<Timer> {
        @Override
        public int compareTo(Timer o) {
            int c = Long.compare(dueNanos, o.dueNanos);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private final PriorityQueue<Timer> queue = new PriorityQueue<>();
    private final Map<Integer, Timer> byId = new HashMap<>();
    private int nextId = 1;
    private long seq;

    /** Schedules {@code task} after {@code delayMillis} (negative or NaN counts as 0) and returns its id. */
    int schedule(double delayMillis, Runnable task) {
        return scheduleAs(nextId++, delayMillis, task);
    }

    /** Schedules {@code task} under an id handed out before (an interval's next run). */
    int scheduleAs(int id, double delayMillis, Runnable task) {
        long delay = Double.isNaN(delayMillis) || delayMillis < 0 ? 0
                : (long) Math.min(delayMillis * 1_000_000d, TimeUnit.DAYS.toNanos(365));
        Timer t = new Timer(id, System.nanoTime() + delay, seq++, task);
        queue.add(t);
        byId.put(id, t);
        return id;
    }

    /** Cancels a timer; unknown ids are ignored, as {@code clearTimeout} ignores them. */
    void cancel(int id) {
        Timer t = byId.remove(id);
        if (t != null) {
            queue.remove(t);
        }
    }

    /**
     * Waits for the earliest timer and runs it.
     *
     * @return false when nothing is scheduled
     * @throws InterruptedException when the thread is interrupted while waiting (the case's time limit)
     */
    boolean runNext() throws InterruptedException {
        Timer t = queue.peek();
        if (t == null) {
            return false;
        }
        long wait;
        while ((wait = t.dueNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(this, wait);
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting for a timer");
            }
        }
        queue.poll();
        byId.remove(t.id);
        t.task.run();
        return true;
    }
}
