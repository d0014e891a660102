package dev.wasmtck.internal.runtime;

/**
 * The guest called {@code proc_exit}. Thrown from the host function, it unwinds the guest unchanged up
 * to the host, which decides what an exit means for its ABI.
 */
public final class WasiExit extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public WasiExit(int exitCode) {
        super("proc_exit(" + exitCode + ")", null, false, false);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
