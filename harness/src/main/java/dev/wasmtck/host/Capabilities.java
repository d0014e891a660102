package dev.wasmtck.host;

import org.apiguardian.api.API;
import java.util.Set;

/**
 * The capability names cases may {@code require} and hosts declare (docs/host-spi.md#capabilities).
 * Each names behaviour that some suite cases exercise and a conforming host of the ABI may still
 * lack; a host may declare names of its own too, for its own cases.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class Capabilities {
    private Capabilities() {}

    /** Stops a guest at the case's time limit and reports a fault of kind {@code timeout}. */
    public static final String TIMEOUT = "timeout";
    /** Enforces the case's linear-memory limit and reports a fault of kind {@code memory-limit}. */
    public static final String MEMORY_LIMIT = "memory-limit";
    /** async-bridge: the seed's fixed-offset placement, for guests that export no allocator. */
    public static final String ASYNC_BRIDGE_FIXED_OFFSET = "async-bridge.fixed-offset";
    /** wasm-exec: runs the JavaScript of a case's {@code host: {js: ...}} before the program. */
    public static final String WASM_EXEC_HOST_JS = "wasm-exec.host-js";
    /** wasm-exec: Java host functions found through ServiceLoader appear to the guest as JS globals. */
    public static final String JAVA_HOST_FUNCTIONS = "java-host-functions";
    /** waPC: serves operations of a Go js/wasm guest through "fake waPC" over wasm_exec. */
    public static final String WAPC_FAKE_OVER_WASM_EXEC = "wapc.fake-over-wasm-exec";
    /** waPC: concurrent calls into one guest, served by a pool of instances. */
    public static final String WAPC_CONCURRENT = "wapc.concurrent";

    /** Every name above. */
    public static final Set<String> ALL = Set.of(TIMEOUT, MEMORY_LIMIT, ASYNC_BRIDGE_FIXED_OFFSET, WASM_EXEC_HOST_JS,
            JAVA_HOST_FUNCTIONS, WAPC_FAKE_OVER_WASM_EXEC, WAPC_CONCURRENT);
}
