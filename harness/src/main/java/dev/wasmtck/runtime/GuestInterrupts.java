package dev.wasmtck.runtime;

import org.apiguardian.api.API;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How the kit stops a guest: {@link #interrupt(Thread)} interrupts the guest's thread and runs the hook
 * a runtime binding registered for that thread. Chicory notices {@link Thread#interrupt()} on its own
 * (at calls and backward branches) and needs no hook; a runtime that does not poll the interrupt flag
 * registers one around each guest call that stops its engine from the outside.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class GuestInterrupts {
    private static final Map<Thread, Runnable> HOOKS = new ConcurrentHashMap<>();

    private GuestInterrupts() {}

    /** A registered hook; closing it restores the hook that was there before (nested calls). */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /** Interrupts {@code thread} and runs its hook, if any, on the calling thread. */
    public static void interrupt(Thread thread) {
        thread.interrupt();
        Runnable hook = HOOKS.get(thread);
        if (hook != null) {
            hook.run();
        }
    }

    /**
     * Registers {@code hook} for the current thread until the registration is closed. The hook runs on
     * the interrupting thread, so it must be thread-safe and quick.
     */
    public static Registration onInterrupt(Runnable hook) {
        Thread self = Thread.currentThread();
        Runnable previous = HOOKS.put(self, hook);
        return () -> {
            if (previous == null) {
                HOOKS.remove(self);
            } else {
                HOOKS.put(self, previous);
            }
        };
    }
}
