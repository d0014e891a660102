package dev.wasmtck.runtime.graalwasm;

import dev.wasmtck.runtime.WasmInterrupted;
import dev.wasmtck.runtime.WasmTrap;
import org.graalvm.polyglot.PolyglotException;

/** Turns what the polyglot API throws into the interface's exceptions. */
final class Faults {
    private Faults() {}

    /**
     * A host function's exception comes back as the very object it threw (the polyglot API keeps it:
     * {@link PolyglotException#asHostException()}); an interrupt or cancel becomes
     * {@link WasmInterrupted}; everything else (traps, stack exhaustion, engine errors) a {@link WasmTrap}.
     */
    static RuntimeException translate(PolyglotException e) {
        if (e.isHostException()) {
            Throwable thrown = e.asHostException();
            if (thrown instanceof RuntimeException r) {
                return r;
            }
            if (thrown instanceof Error err) {
                throw err;
            }
            return new WasmTrap("host function threw " + thrown, thrown);
        }
        if (e.isInterrupted() || e.isCancelled()) {
            return new WasmInterrupted(e.getMessage(), e);
        }
        String m = e.getMessage();
        return new WasmTrap(m == null || m.isBlank() ? "trap" : m, e);
    }
}
