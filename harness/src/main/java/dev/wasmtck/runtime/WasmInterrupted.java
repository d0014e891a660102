package dev.wasmtck.runtime;

import org.apiguardian.api.API;

/**
 * Guest code stopped because its thread was interrupted (a case's timeout: see {@link Watchdog}).
 * Bindings throw it from {@link WasmFunction#call} and {@link CompiledModule#instantiate}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class WasmInterrupted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WasmInterrupted(String message, Throwable cause) {
        super(message, cause);
    }
}
