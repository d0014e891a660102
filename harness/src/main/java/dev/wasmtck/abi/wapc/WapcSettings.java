package dev.wasmtck.abi.wapc;

import java.util.List;

/**
 * A waPC case's {@code host:} section: the host-call handlers, tried in order; a host call no handler
 * matches fails (the guest's {@code __host_call} returns 0 with an error naming the call).
 */
public record WapcSettings(List<HostCallHandler> handlers) {
    public static final WapcSettings DEFAULT = new WapcSettings(List.of());

    public WapcSettings {
        handlers = List.copyOf(handlers);
    }
}
