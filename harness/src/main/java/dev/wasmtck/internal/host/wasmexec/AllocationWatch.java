package dev.wasmtck.internal.host.wasmexec;

import java.lang.ref.WeakReference;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Looks, every {@value #TICK_MILLIS} ms from a daemon thread of its own, at how much each bounded JS world's
 * thread has allocated, and asks the world to be walked at its next JS instruction when another
 * {@link JsBounds#WALK_EVERY_FRACTION}th of its limit has gone. The instruction observer alone comes every
 * few thousand instructions: a string doubled and read in a loop allocates hundreds of MiB in fewer, and
 * observing every instruction would slow every program. From outside, the cost falls on no guest thread.
 */
final class AllocationWatch {
    static final long TICK_MILLIS = 2;
    private static final Set<WeakReference<JsBounds>> WATCHED = ConcurrentHashMap.newKeySet();
    private static Thread sampler;

    private AllocationWatch() {}

    /** Samples {@code bounds}' thread until it is forgotten, its thread ends or the bounds are collected. */
    static synchronized WeakReference<JsBounds> watch(JsBounds bounds) {
        WeakReference<JsBounds> ref = new WeakReference<>(bounds);
        WATCHED.add(ref);
        if (sampler == null) {
            sampler = new Thread(AllocationWatch::sample, "wasm-tck-js-allocation-watch");
            sampler.setDaemon(true);
            sampler.start();
        }
        return ref;
    }

    static void forget(WeakReference<JsBounds> ref) {
        WATCHED.remove(ref);
    }

    /** Samples until nothing is watched; {@link #watch} starts a new sampler after that. */
    private static void sample() {
        while (true) {
            try {
                Thread.sleep(TICK_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            try {
                WATCHED.removeIf(ref -> {
                    JsBounds bounds = ref.get();
                    return bounds == null || !bounds.sample();
                });
            } catch (VirtualMachineError e) {
                // Out of heap while a guest's JS world fills it: the sampler must outlive that (a dead one
                // would stay registered and no world would be sampled again), so it looks at the next tick.
            }
            synchronized (AllocationWatch.class) {
                if (WATCHED.isEmpty()) {
                    sampler = null;
                    return;
                }
            }
        }
    }
}
