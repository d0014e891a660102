package dev.wasmtck.runtime;

/**
 * Guest code stopped because its thread was interrupted (a case's timeout: see {@link Watchdog}).
 * Bindings throw it from {@link WasmFunction#call} and {@link CompiledModule#instantiate}.
 */
public class WasmInterrupted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WasmInterrupted(String message, Throwable cause) {
        super(message, cause);
    }
}
