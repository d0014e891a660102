package dev.wasmtck.host.chicory;

import dev.wasmtck.host.Capabilities;
import dev.wasmtck.host.GuestFault;
import dev.wasmtck.host.GuestModule;
import dev.wasmtck.host.Host;
import dev.wasmtck.host.PreparedGuest;
import dev.wasmtck.host.bridge.AsyncBridgeAbi;
import dev.wasmtck.host.bridge.AsyncBridgeHost;
import dev.wasmtck.host.wapc.WapcAbi;
import dev.wasmtck.host.wapc.WapcHost;
import dev.wasmtck.host.wasmexec.WasmExecAbi;
import dev.wasmtck.host.wasmexec.WasmExecHost;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The kit's reference host: every ABI it implements, on Chicory, under one id ({@code chicory}).
 * Each ABI's logic lives in its own package; this class only routes a module to the right one.
 */
public final class ChicoryHost implements Host {
    private final boolean compile;
    private final Map<String, Host> byAbi = new LinkedHashMap<>();

    public ChicoryHost(boolean compile) {
        this.compile = compile;
        byAbi.put(AsyncBridgeAbi.NAME, new AsyncBridgeHost(compile));
        byAbi.put(WasmExecAbi.NAME, new WasmExecHost(compile));
        byAbi.put(WapcAbi.NAME, new WapcHost(compile));
    }

    @Override
    public String id() {
        return "chicory";
    }

    @Override
    public Set<String> abis() {
        return byAbi.keySet();
    }

    /**
     * All of {@link Capabilities}. Concurrent waPC calls are pooled for real waPC guests; a Go js/wasm
     * guest under fake waPC has no pool yet and reports such a case aborted, with that reason.
     */
    @Override
    public Set<String> capabilities() {
        return Set.of(Capabilities.TIMEOUT, Capabilities.MEMORY_LIMIT, Capabilities.ASYNC_BRIDGE_FIXED_OFFSET,
                Capabilities.WASM_EXEC_HOST_JS, Capabilities.JAVA_HOST_FUNCTIONS,
                Capabilities.WAPC_FAKE_OVER_WASM_EXEC, Capabilities.WAPC_CONCURRENT);
    }

    public boolean compiles() {
        return compile;
    }

    /** Without an ABI the module is prepared for the async bridge, the first ABI this host had. */
    @Override
    public PreparedGuest prepare(GuestModule module) throws GuestFault {
        return prepare(module, AsyncBridgeAbi.NAME);
    }

    @Override
    public PreparedGuest prepare(GuestModule module, String abi) throws GuestFault {
        Host host = byAbi.get(abi);
        if (host == null) {
            throw new GuestFault(GuestFault.Kind.LINK, "host chicory does not implement abi '" + abi + "'");
        }
        return host.prepare(module);
    }

    @Override
    public String toString() {
        return "ChicoryHost[" + (compile ? "compiled" : "interpreted") + ", " + byAbi.keySet() + "]";
    }
}
