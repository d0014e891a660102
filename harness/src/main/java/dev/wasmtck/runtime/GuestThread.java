package dev.wasmtck.runtime;

import org.apiguardian.api.API;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a guest on a thread of its own with a deep stack. Wasm calls nest on the JVM stack; Go
 * programs recurse deeply (Go's own tests grow the stack a thousand frames at a time) and node runs
 * them with an enlarged stack too. The caller waits; an interrupt of the caller is passed on.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class GuestThread {
    /** Reserved, not committed: the JVM touches only what the guest uses. */
    public static final long STACK_BYTES = 256L << 20;
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private GuestThread() {}

    /** Runs {@code body} on a fresh guest thread and returns its result or rethrows what it threw. */
    public static <T> T call(String name, Callable<T> body) throws Exception {
        Object[] result = new Object[1];
        Throwable[] thrown = new Throwable[1];
        Thread t = new Thread(null, () -> {
            try {
                result[0] = body.call();
            } catch (Throwable e) {
                thrown[0] = e;
            }
        }, "wasm-guest-" + COUNTER.incrementAndGet() + "-" + name, STACK_BYTES);
        t.setDaemon(true);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            GuestInterrupts.interrupt(t);
            t.join();
            Thread.currentThread().interrupt();
        }
        if (thrown[0] instanceof Exception e) {
            throw e;
        }
        if (thrown[0] instanceof Error e) {
            throw e;
        }
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return value;
    }
}
