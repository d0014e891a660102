package dev.wasmtck.runtime;

import dev.wasmtck.internal.runtime.Watchdog;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The watchdog limits a guest's own time: CPU and waiting count, waiting for a core does not. */
class WatchdogTest {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Burns {@code cpuMillis} of this thread's CPU time, or stops early when interrupted. */
    private static void burn(long cpuMillis) {
        long start = THREADS.getCurrentThreadCpuTime();
        long x = 0;
        while (THREADS.getCurrentThreadCpuTime() - start < TimeUnit.MILLISECONDS.toNanos(cpuMillis)
                && !Thread.currentThread().isInterrupted()) {
            for (int i = 0; i < 10_000; i++) {
                x += i * 31L ^ x;
            }
        }
        if (x == 42) {
            System.out.print("");
        }
    }

    @Test
    void aGuestThatWaitsForACoreIsNotFailedForTheLoad() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> hogs = new ArrayList<>();
        int n = Runtime.getRuntime().availableProcessors() * 2;
        for (int i = 0; i < n; i++) {
            Thread hog = new Thread(() -> {
                while (!stop.get()) {
                    burn(5);
                }
            });
            hog.setDaemon(true);
            hogs.add(hog);
            hog.start();
        }
        try {
            long start = System.nanoTime();
            boolean fired;
            try (Watchdog w = Watchdog.start(Duration.ofMillis(500))) {
                burn(250);
                fired = w.fired();
            }
            long wall = System.nanoTime() - start;
            // Only meaningful when the load really slowed the guest down past its limit.
            Assumptions.assumeTrue(wall > TimeUnit.MILLISECONDS.toNanos(500), "the load did not stretch the guest");
            // Past the wall-clock backstop the watchdog must fire: then the machine, not this test's hogs, was the load.
            Assumptions.assumeTrue(wall < TimeUnit.MILLISECONDS.toNanos(500L * Watchdog.WALL_BACKSTOP),
                    "other load stretched the guest past the wall-clock backstop");
            assertThat(fired).as("250 ms of CPU under a 500 ms limit, in " + wall / 1_000_000 + " ms").isFalse();
        } finally {
            stop.set(true);
            for (Thread t : hogs) {
                t.join();
            }
        }
    }

    @Test
    void aSpinningGuestIsStoppedNearItsLimit() {
        long start = System.nanoTime();
        boolean fired;
        try (Watchdog w = Watchdog.start(Duration.ofMillis(300))) {
            burn(60_000);
            fired = w.fired();
        }
        long wall = System.nanoTime() - start;
        assertThat(fired).isTrue();
        assertThat(Thread.currentThread().isInterrupted()).as("close() clears the interrupt").isFalse();
        assertThat(wall).isBetween(TimeUnit.MILLISECONDS.toNanos(290), TimeUnit.MILLISECONDS.toNanos(300 * Watchdog.WALL_BACKSTOP + 200));
    }

    @Test
    void shortCallsLeaveNothingWatchedAndALaterLimitStillHolds() throws InterruptedException {
        for (int i = 0; i < 20_000; i++) {
            try (Watchdog w = Watchdog.start(Duration.ofSeconds(30))) {
                assertThat(w.fired()).isFalse();
            }
        }
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (Watchdog.watched() > 0 && System.nanoTime() < until) {
            Thread.sleep(1);
        }
        assertThat(Watchdog.watched()).as("closed watchdogs dropped by the checker").isZero();
        // The checker now parks with nothing to watch: arming must wake it.
        Thread.sleep(20);
        long start = System.nanoTime();
        boolean fired;
        try (Watchdog w = Watchdog.start(Duration.ofMillis(100))) {
            burn(5_000);
            fired = w.fired();
        }
        assertThat(fired).isTrue();
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.MILLISECONDS.toNanos(100 * Watchdog.WALL_BACKSTOP + 200));
    }

    @Test
    void waitingCountsAsTheGuestsTime() {
        long start = System.nanoTime();
        boolean fired;
        try (Watchdog w = Watchdog.start(Duration.ofMillis(200))) {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < until && !Thread.currentThread().isInterrupted()) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
            fired = w.fired();
        }
        long wall = System.nanoTime() - start;
        assertThat(fired).isTrue();
        assertThat(wall).as("a sleeping guest's limit is not stretched").isLessThan(TimeUnit.MILLISECONDS.toNanos(600));
    }
}
