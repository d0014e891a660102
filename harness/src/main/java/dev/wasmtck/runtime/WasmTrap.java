package dev.wasmtck.runtime;

import org.apiguardian.api.API;

/**
 * The guest trapped (unreachable, out-of-bounds access, division by zero, ...). The message is the
 * runtime's own description of the trap; bindings convert their runtime's trap exceptions into this
 * one, keeping the original as the cause.
 */
@API(status = API.Status.STABLE, since = "0.1")
public class WasmTrap extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WasmTrap(String message, Throwable cause) {
        super(message, cause);
    }
}
