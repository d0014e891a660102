package dev.wasmtck.internal.guest;

import org.opentest4j.TestAbortedException;

/**
 * A guest cannot be built on this machine: no Docker, or the toolchain image is neither present
 * nor pullable. It is a missing precondition, not a defect, so it extends TestAbortedException:
 * JUnit reports the test ABORTED. Messages about Docker start with "Docker not available".
 */
public class GuestUnavailableException extends TestAbortedException {
    private static final long serialVersionUID = 1L;

    public GuestUnavailableException(String message) {
        super(message);
    }

    public GuestUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
