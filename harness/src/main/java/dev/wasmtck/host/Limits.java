package dev.wasmtck.host;

import java.time.Duration;

/** Bounds on one case: wall-clock time for the whole call, and the guest's linear memory. */
public record Limits(Duration timeout, long maxMemoryBytes) {
    public static final Limits DEFAULT = new Limits(Duration.ofSeconds(10), 256L << 20);

    /** The memory bound in 64 KiB wasm pages, rounded down, at least one page. */
    public int maxMemoryPages() {
        return (int) Math.max(1, Math.min(65536, maxMemoryBytes / 65536));
    }
}
