package dev.wasmtck.runtime.graalwasm;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.graalvm.polyglot.Context;

/**
 * Stops guest code from outside. GraalWasm does not poll {@link Thread#interrupt()}; Truffle's
 * {@link Context#interrupt} does stop it (at safepoints, loops included), but waits for the guest to
 * leave, so it runs on a thread of its own: the hook must return quickly.
 */
final class Interrupts {
    /** How long the stopping thread waits for the guest to leave before giving up. */
    private static final Duration GRACE = Duration.ofSeconds(30);

    private Interrupts() {}

    static void stop(Context context) {
        Thread t = new Thread(() -> {
            try {
                context.interrupt(GRACE);
            } catch (TimeoutException | IllegalStateException e) {
                // The guest did not stop in time, or the context closed meanwhile: nothing more to do.
            }
        }, "graalwasm-interrupt");
        t.setDaemon(true);
        t.start();
    }
}
