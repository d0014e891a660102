package dev.wasmtck.abi.wapc;

import org.apiguardian.api.API;
import java.util.List;

/**
 * A waPC case's {@code host:} section: the host-call handlers, tried in order; a host call no handler
 * matches fails (the guest's {@code __host_call} returns 0 with an error naming the call).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record WapcSettings(List<HostCallHandler> handlers) {
    public static final WapcSettings DEFAULT = new WapcSettings(List.of());

    public WapcSettings {
        handlers = List.copyOf(handlers);
    }

    /**
     * The settings a pool is handed ({@link dev.wasmtck.host.PooledGuest#pool}), typed as
     * {@link dev.wasmtck.host.Invocation#settings(Class)} types a call's: null is {@link #DEFAULT}.
     *
     * @throws IllegalArgumentException for settings of another ABI
     */
    public static WapcSettings of(Object settings) {
        if (settings != null && !(settings instanceof WapcSettings)) {
            throw new IllegalArgumentException("a waPC pool was handed settings of type "
                    + settings.getClass().getName() + ", not " + WapcSettings.class.getName());
        }
        return settings == null ? DEFAULT : (WapcSettings) settings;
    }
}
