package dev.wasmtck.host.bridge;

import dev.wasmtck.host.GuestFault;
import dev.wasmtck.host.GuestModule;
import dev.wasmtck.host.Host;
import dev.wasmtck.host.PreparedGuest;
import dev.wasmtck.runtime.WasmRuntime;
import java.util.Set;

/**
 * The reference host of the async-bridge ABI, on any {@link WasmRuntime}. {@link #prepare} checks and
 * compiles a module once; every {@link PreparedGuest#run} gets a fresh instance.
 */
public final class AsyncBridgeHost implements Host {
    private final WasmRuntime runtime;

    public AsyncBridgeHost(WasmRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public String id() {
        return runtime.id();
    }

    @Override
    public Set<String> abis() {
        return Set.of(AsyncBridgeAbi.NAME);
    }

    @Override
    public PreparedGuest prepare(GuestModule module) throws GuestFault {
        return BridgeGuest.link(runtime.compile(module.name(), module.wasm()));
    }

    @Override
    public String toString() {
        return "AsyncBridgeHost[" + runtime + "]";
    }
}
