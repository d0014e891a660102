package dev.wasmtck.runtime.graalwasm;

import dev.wasmtck.runtime.WasmInterrupted;
import dev.wasmtck.runtime.WasmTrap;
import org.graalvm.polyglot.PolyglotException;

/** Turns what the polyglot API throws into the interface's exceptions. */
final class Faults {
    /** The spec's name for the trap, which the interface's memory accesses use too. */
    static final String OUT_OF_BOUNDS = "out of bounds memory access";

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
        if (m == null || m.isBlank()) {
            return new WasmTrap("trap", e);
        }
        if (m.contains("is out-of-bounds")) {
            // GraalWasm words it "4-byte memory access at address 0x... is out-of-bounds (memory size
            // N bytes)"; the interface (and the shared contract test) name the trap as the WebAssembly
            // spec does. GraalWasm's own text follows, so nothing it said is lost.
            return new WasmTrap(OUT_OF_BOUNDS + ": " + m, e);
        }
        return new WasmTrap(m, e);
    }
}
