package dev.wasmtck.runtime;

import org.jspecify.annotations.Nullable;
import org.apiguardian.api.API;

/**
 * One instance of a {@link CompiledModule}. Not thread-safe: one thread uses it at a time (the guest
 * thread of a case). Host functions may call back into it (re-entrancy), to any depth the stack allows.
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface WasmInstance {

    /** The memory the module defines (the first one), or null when it defines none. */
    @Nullable LinearMemory memory();

    /**
     * The exported function {@code name}, or null when the module exports no function of that name.
     * Look it up once and keep it: calls through the handle are the hot path.
     */
    @Nullable WasmFunction function(String name);
}
