package dev.wasmtck.internal.runtime.chicory;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.wasm.ChicoryException;
import dev.wasmtck.runtime.WasmInterrupted;
import dev.wasmtck.runtime.WasmTrap;

/**
 * Turns what escapes Chicory into the interface's exceptions. What a host function threw is let
 * through as the very object it threw ({@link dev.wasmtck.runtime.HostThrown}).
 */
final class Faults {
    private Faults() {}

    static RuntimeException translate(RuntimeException e, ChicoryInstance instance) {
        RuntimeException host = instance.hostThrown().find(e);
        if (host != null) {
            return host;
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
