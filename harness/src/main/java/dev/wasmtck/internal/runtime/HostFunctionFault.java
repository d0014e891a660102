package dev.wasmtck.internal.runtime;

import dev.wasmtck.runtime.GuestFault;

/**
 * Carries a {@link GuestFault} out of a host function, through the guest's frames, to the code that
 * called the export. Host functions cannot throw checked exceptions; {@link GuestCalls} unwraps this.
 */
public final class HostFunctionFault extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final GuestFault fault;

    public HostFunctionFault(GuestFault fault) {
        super(fault.getMessage(), fault, false, false);
        this.fault = fault;
    }

    public GuestFault fault() {
        return fault;
    }
}
