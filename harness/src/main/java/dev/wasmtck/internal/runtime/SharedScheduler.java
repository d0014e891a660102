package dev.wasmtck.internal.runtime;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One small pool of daemon timer threads shared by every host in the JVM: delayed host answers are
 * scheduled here instead of each run starting threads of its own (watchdogs have their own single
 * thread, {@link WatchdogChecker}). Cancelled tasks
 * are removed from the queue at once, so a finished run leaves nothing behind.
 */
public final class SharedScheduler {
    private SharedScheduler() {}

    private static final class Holder {
        static final ScheduledThreadPoolExecutor EXECUTOR = create();

        private static ScheduledThreadPoolExecutor create() {
            AtomicInteger counter = new AtomicInteger();
            ThreadFactory factory = r -> {
                Thread t = new Thread(r, "wasm-tck-timer-" + counter.incrementAndGet());
                t.setDaemon(true);
                t.setUncaughtExceptionHandler(SharedScheduler::timerDied);
                return t;
            };
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(2, factory);
            executor.setRemoveOnCancelPolicy(true);
            executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
            return executor;
        }
    }

    /** Made before it is needed: when a guest has filled the heap, building a message could fail too. */
    private static final String OUT_OF_HEAP = "wasm-tck: a timer thread ran out of heap while a guest filled it;"
            + " the pool starts another, and that guest's case fails as memory-limit";

    /**
     * A timer thread can only die outside its tasks (a task's own exception stays in its future), and
     * then in practice from a heap a guest filled: say so in one line, not a stack trace, since the
     * pool replaces the thread and the queued timers still run.
     */
    private static void timerDied(Thread thread, Throwable e) {
        if (e instanceof OutOfMemoryError) {
            System.err.println(OUT_OF_HEAP);
        } else {
            System.err.println("wasm-tck: timer thread " + thread.getName() + " died: " + e);
            e.printStackTrace();
        }
    }

    /** The shared scheduler. Never shut it down: it belongs to the whole JVM. */
    public static ScheduledExecutorService get() {
        return Holder.EXECUTOR;
    }

    /** Tasks scheduled but not yet run or cancelled; tests use it to prove nothing was left running. */
    public static int pendingTasks() {
        return Holder.EXECUTOR.getQueue().size();
    }

    /** Tasks currently executing. */
    public static int activeTasks() {
        return Holder.EXECUTOR.getActiveCount();
    }
}
