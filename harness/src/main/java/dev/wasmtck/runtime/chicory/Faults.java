package dev.wasmtck.runtime.chicory;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.wasm.ChicoryException;
import dev.wasmtck.runtime.WasmInterrupted;
import dev.wasmtck.runtime.WasmTrap;

/**
 * Turns what escapes Chicory into the interface's exceptions. What a host function threw is let
 * through as the very object it threw, found by identity in the cause chain (the instance remembers
 * it), so a JDK exception inside one of Chicory's traps is never mistaken for a host's.
 */
final class Faults {
    private Faults() {}

    static RuntimeException translate(RuntimeException e, ChicoryInstance instance) {
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
        if (e instanceof ChicoryInterruptedException) {
            return new WasmInterrupted(e.getMessage(), e);
        }
        if (e instanceof ChicoryException) {
            String m = e.getMessage();
            return new WasmTrap(m == null || m.isBlank() ? e.getClass().getSimpleName() : m, e);
        }
        return e;
    }
}
