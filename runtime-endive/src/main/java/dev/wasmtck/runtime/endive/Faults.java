package dev.wasmtck.runtime.endive;

import run.endive.runtime.WasmInterruptedException;
import run.endive.wasm.WasmEngineException;
import dev.wasmtck.runtime.WasmInterrupted;
import dev.wasmtck.runtime.WasmTrap;

/**
 * Turns what escapes Endive into the interface's exceptions. What a host function threw is let
 * through as the very object it threw, found by identity in the cause chain (the instance remembers
 * it), so a JDK exception inside one of Endive's traps is never mistaken for a host's.
 */
final class Faults {
    private Faults() {}

    static RuntimeException translate(RuntimeException e, EndiveInstance instance) {
        Throwable host = instance.hostThrown();
        if (host != null) {
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t == host) {
                    if (t instanceof RuntimeException r) {
                        return r;
                    }
                    throw (Error) t;
                }
            }
        }
        if (e instanceof WasmInterruptedException) {
            return new WasmInterrupted(e.getMessage(), e);
        }
        if (e instanceof WasmEngineException) {
            String m = e.getMessage();
            return new WasmTrap(m == null || m.isBlank() ? e.getClass().getSimpleName() : m, e);
        }
        return e;
    }
}
