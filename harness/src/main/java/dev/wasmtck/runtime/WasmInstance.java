package dev.wasmtck.runtime;

/**
 * One instance of a {@link CompiledModule}. Not thread-safe: one thread uses it at a time (the guest
 * thread of a case). Host functions may call back into it (re-entrancy), to any depth the stack allows.
 */
public interface WasmInstance {

    /** The memory the module defines (the first one), or null when it defines none. */
    LinearMemory memory();

    /**
     * The exported function {@code name}, or null when the module exports no function of that name.
     * Look it up once and keep it: calls through the handle are the hot path.
     */
    WasmFunction function(String name);
}
