package dev.wasmtck.runtime;

import org.jspecify.annotations.Nullable;
import org.apiguardian.api.API;
import java.time.Duration;

/**
 * Bounds on one case: the guest's own time ({@link dev.wasmtck.internal.runtime.Watchdog}) and its linear
 * memory (which also bounds the buffers of a Go guest's JS world). Without {@code initTimeout},
 * {@code timeout} bounds initialisation and the call together; with it, initialisation (instantiation,
 * start functions, a program's {@code main} before the call) has {@code initTimeout} and the call
 * then has {@code timeout} of its own.
 *
 * @param initTimeout the separate limit for initialisation, or null for one limit over everything
 */
@API(status = API.Status.STABLE, since = "0.1")
public record Limits(Duration timeout, long maxMemoryBytes, @Nullable Duration initTimeout) {
    public static final Limits DEFAULT = new Limits(Duration.ofSeconds(10), 256L << 20);

    public Limits(Duration timeout, long maxMemoryBytes) {
        this(timeout, maxMemoryBytes, null);
    }

    /** The memory bound in 64 KiB wasm pages, rounded down, at least one page. */
    public int maxMemoryPages() {
        return (int) Math.max(1, Math.min(65536, maxMemoryBytes / 65536));
    }

    /** The longest one call may take, initialising an instance for it included. */
    public Duration callBound() {
        return initTimeout == null ? timeout : timeout.plus(initTimeout);
    }
}
