package dev.wasmtck.internal.host.bridge;

import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.host.PreparedGuest;
import dev.wasmtck.internal.host.runtime.RuntimeAbiHost;
import dev.wasmtck.runtime.CompiledModule;
import dev.wasmtck.runtime.WasmRuntime;

/**
 * The reference host of the async-bridge ABI, on any {@link WasmRuntime}. {@link #prepare} checks and
 * compiles a module once; every {@link PreparedGuest#run} gets a fresh instance.
 */
public final class AsyncBridgeHost extends RuntimeAbiHost {

    public AsyncBridgeHost(WasmRuntime runtime) {
        super(runtime, AsyncBridgeAbi.NAME);
    }

    @Override
    protected PreparedGuest prepare(CompiledModule module) throws GuestFault {
        return BridgeGuest.link(module);
    }
}
