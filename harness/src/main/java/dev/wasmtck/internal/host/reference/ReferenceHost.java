package dev.wasmtck.internal.host.reference;

import dev.wasmtck.host.Capabilities;
import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.host.GuestModule;
import dev.wasmtck.host.Host;
import dev.wasmtck.host.HostProvider;
import dev.wasmtck.internal.host.NamedServices;
import dev.wasmtck.host.PreparedGuest;
import dev.wasmtck.internal.host.bridge.AsyncBridgeAbi;
import dev.wasmtck.internal.host.bridge.AsyncBridgeHost;
import dev.wasmtck.internal.host.wapc.WapcAbi;
import dev.wasmtck.internal.host.wapc.WapcHost;
import dev.wasmtck.internal.host.wasmexec.WasmExecAbi;
import dev.wasmtck.internal.host.wasmexec.WasmExecHost;
import dev.wasmtck.runtime.WasmRuntime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The kit's reference host on one {@link WasmRuntime}: every ABI it implements, under the runtime's id
 * ({@code chicory} for Chicory). Each ABI's logic lives in its own package; this class only routes a
 * module to the right one. A host on another runtime is {@code new ReferenceHost(thatRuntime)}.
 */
public final class ReferenceHost implements Host {
    private final WasmRuntime runtime;
    private final Map<String, Host> byAbi = new LinkedHashMap<>();

    public ReferenceHost(WasmRuntime runtime) {
        this.runtime = runtime;
        byAbi.put(AsyncBridgeAbi.NAME, new AsyncBridgeHost(runtime));
        byAbi.put(WasmExecAbi.NAME, new WasmExecHost(runtime));
        byAbi.put(WapcAbi.NAME, new WapcHost(runtime));
    }

    @Override
    public String id() {
        return runtime.id();
    }

    @Override
    public Set<String> abis() {
        return byAbi.keySet();
    }

    /**
     * All of {@link Capabilities}, on every runtime: the runtime contract (docs/runtime-spi.md) requires
     * what they rest on, interruption and memory caps. Concurrent waPC calls are served from a pool of
     * instances, for real waPC guests and for Go js/wasm programs under fake waPC alike.
     */
    @Override
    public Set<String> capabilities() {
        return Set.of(Capabilities.TIMEOUT, Capabilities.MEMORY_LIMIT, Capabilities.ASYNC_BRIDGE_FIXED_OFFSET,
                Capabilities.WASM_EXEC_HOST_JS, Capabilities.JAVA_HOST_FUNCTIONS,
                Capabilities.WAPC_FAKE_OVER_WASM_EXEC, Capabilities.WAPC_CONCURRENT);
    }

    public WasmRuntime runtime() {
        return runtime;
    }

    /**
     * The runtime of the reference host registered as {@code id} ({@code chicory}, {@code endive},
     * {@code graalwasm} when its module is on the class path), created with {@code config}.
     *
     * @throws IllegalArgumentException when no reference host of that id is on the class path
     */
    public static WasmRuntime runtimeOf(String id, HostProvider.Config config) {
        HostProvider provider = NamedServices.byName(HostProvider.class, HostProvider::id).get(id);
        if (provider != null && provider.create(config) instanceof ReferenceHost h) {
            return h.runtime();
        }
        throw new IllegalArgumentException("no reference host '" + id + "' on the class path; there are "
                + NamedServices.byName(HostProvider.class, HostProvider::id).keySet());
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
            throw new GuestFault(GuestFault.Kind.LINK, "host " + id() + " does not implement abi '" + abi + "'");
        }
        return host.prepare(module);
    }

    @Override
    public String toString() {
        return "ReferenceHost[" + runtime + ", " + byAbi.keySet() + "]";
    }
}
