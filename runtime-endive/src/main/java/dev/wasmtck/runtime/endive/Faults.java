package dev.wasmtck.runtime.endive;

import dev.wasmtck.runtime.WasmInterrupted;
import dev.wasmtck.runtime.WasmTrap;
import run.endive.runtime.WasmInterruptedException;
import run.endive.wasm.WasmEngineException;

/**
 * Turns what escapes Endive into the interface's exceptions. What a host function threw is let
 * through as the very object it threw ({@link dev.wasmtck.runtime.HostThrown}).
 */
final class Faults {
    private Faults() {}

    static RuntimeException translate(RuntimeException e, EndiveInstance instance) {
        RuntimeException host = instance.hostThrown().find(e);
        if (host != null) {
            return host;
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
