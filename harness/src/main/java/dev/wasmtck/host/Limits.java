package dev.wasmtck.host;

import java.time.Duration;

/**
 * Bounds on one case: the guest's own time for the whole call ({@link dev.wasmtck.runtime.Watchdog}),
 * and its linear memory (which also bounds the buffers of a Go guest's JS world).
 */
public record Limits(Duration timeout, long maxMemoryBytes) {
    public static final Limits DEFAULT = new Limits(Duration.ofSeconds(10), 256L << 20);

    /** The memory bound in 64 KiB wasm pages, rounded down, at least one page. */
    public int maxMemoryPages() {
        return (int) Math.max(1, Math.min(65536, maxMemoryBytes / 65536));
    }
}
