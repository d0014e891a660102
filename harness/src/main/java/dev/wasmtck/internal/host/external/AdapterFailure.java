package dev.wasmtck.internal.host.external;

/**
 * An adapter process misbehaved (crashed, sent garbage, spoke another protocol version, never said
 * hello). Not a {@link dev.wasmtck.runtime.GuestFault}: no case can expect it, so it always fails the case
 * that met it, with a message naming the adapter and what it did.
 */
public final class AdapterFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AdapterFailure(String message) {
        super(message);
    }
}
