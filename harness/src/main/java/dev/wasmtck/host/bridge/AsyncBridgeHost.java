package dev.wasmtck.host.bridge;

import dev.wasmtck.host.GuestFault;
import dev.wasmtck.host.GuestModule;
import dev.wasmtck.host.Host;
import dev.wasmtck.host.PreparedGuest;
import dev.wasmtck.runtime.ChicoryModule;
import java.util.Set;

/**
 * The reference host of the async-bridge ABI, on Chicory. {@link #prepare} parses, checks and (in
 * compiled mode) compiles a module once; every {@link PreparedGuest#run} gets a fresh instance.
 */
public final class AsyncBridgeHost implements Host {
    private final boolean compile;

    /** @param compile true for Chicory's runtime compiler (wasm to JVM bytecode), false for its interpreter */
    public AsyncBridgeHost(boolean compile) {
        this.compile = compile;
    }

    /** Compiled mode. */
    public AsyncBridgeHost() {
        this(true);
    }

    @Override
    public String id() {
        return "chicory";
    }

    @Override
    public Set<String> abis() {
        return Set.of(AsyncBridgeAbi.NAME);
    }

    public boolean compiles() {
        return compile;
    }

    @Override
    public PreparedGuest prepare(GuestModule module) throws GuestFault {
        return BridgeGuest.link(ChicoryModule.load(module, compile));
    }

    @Override
    public String toString() {
        return "AsyncBridgeHost[" + (compile ? "compiled" : "interpreted") + "]";
    }
}
