package dev.wasmtck.internal.host.runtime;

import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.host.GuestModule;
import dev.wasmtck.host.Host;
import dev.wasmtck.host.PreparedGuest;
import dev.wasmtck.runtime.CompiledModule;
import dev.wasmtck.runtime.WasmRuntime;
import java.util.Set;

/**
 * What the reference hosts of the ABIs share: one ABI, served on a {@link WasmRuntime} under the
 * runtime's id; {@link #prepare(GuestModule)} compiles the module once and leaves the ABI's host only
 * to check and link it ({@link #prepare(CompiledModule)}).
 */
public abstract class RuntimeAbiHost implements Host {
    private final WasmRuntime runtime;
    private final String abi;

    protected RuntimeAbiHost(WasmRuntime runtime, String abi) {
        this.runtime = runtime;
        this.abi = abi;
    }

    @Override
    public final String id() {
        return runtime.id();
    }

    @Override
    public final Set<String> abis() {
        return Set.of(abi);
    }

    @Override
    public final PreparedGuest prepare(GuestModule module) throws GuestFault {
        return prepare(runtime.compile(module.name(), module.wasm()));
    }

    /** Checks a compiled module against the ABI and returns what runs it, shared across cases and threads. */
    protected abstract PreparedGuest prepare(CompiledModule module) throws GuestFault;

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + runtime + "]";
    }
}
