package dev.wasmtck.runtime.chicory;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.wasm.ChicoryException;
import dev.wasmtck.runtime.WasmInterrupted;
import dev.wasmtck.runtime.WasmTrap;

/** Turns what Chicory throws into the interface's exceptions, letting a host function's own exception through. */
final class Faults {
    private Faults() {}

    static RuntimeException translate(RuntimeException e) {
        // A host function's exception may arrive wrapped: hand back the very object it threw.
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (!(t instanceof ChicoryException)) {
                if (t instanceof RuntimeException r) {
                    return r;
                }
                break;
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
