package dev.wasmtck.internal.guest;

/**
 * A guest could not be built: the compiler failed (the message names the guest, the command,
 * the exit code and the end of the compiler's output), the build produced no output, or,
 * when Docker is required, the build environment was unavailable.
 */
public class GuestBuildException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public GuestBuildException(String message) {
        super(message);
    }

    public GuestBuildException(String message, Throwable cause) {
        super(message, cause);
    }
}
