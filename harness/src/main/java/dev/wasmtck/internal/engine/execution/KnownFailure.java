package dev.wasmtck.internal.engine.execution;

import org.opentest4j.TestAbortedException;

/**
 * A failure a known-failure list expected. Reported as aborted (neither passed nor failed, so the
 * build stays green); the summary and reports count it apart from other aborts by this type.
 */
public final class KnownFailure extends TestAbortedException {
    private static final long serialVersionUID = 1L;

    public KnownFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
