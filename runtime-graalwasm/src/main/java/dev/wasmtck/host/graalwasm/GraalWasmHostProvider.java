package dev.wasmtck.host.graalwasm;

import dev.wasmtck.Constants;
import dev.wasmtck.host.GuestModule;
import dev.wasmtck.host.Host;
import dev.wasmtck.host.HostProvider;
import dev.wasmtck.host.PreparedGuest;
import dev.wasmtck.internal.host.reference.ReferenceHost;
import dev.wasmtck.runtime.graalwasm.GraalWasmRuntime;
import java.util.Set;
import org.opentest4j.TestAbortedException;

/**
 * Registers the reference host on GraalWasm, id {@code graalwasm}. On a JVM older than GraalWasm needs,
 * the host still appears, and every case on it is aborted with that reason instead of failing.
 */
public final class GraalWasmHostProvider implements HostProvider {
    public static final String ID = "graalwasm";

    /** One runtime (one Truffle engine, one parse cache) per JVM, however often the engine discovers. */
    private static final class Shared {
        static final GraalWasmRuntime RUNTIME = new GraalWasmRuntime();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Host create(Config config) {
        if (Runtime.version().feature() < GraalWasmRuntime.MIN_JAVA) {
            return new Unavailable("host graalwasm needs Java " + GraalWasmRuntime.MIN_JAVA
                    + " or later, but this JVM is Java " + Runtime.version().feature()
                    + " (run the conformance-suite's graalwasm execution, or set graalwasm.java.home)");
        }
        boolean offHeap = config.get(Constants.GRAALWASM_MEMORY).map("off-heap"::equals).orElse(false);
        return new ReferenceHost(offHeap ? GraalWasmRuntime.withFullAddressSpace() : Shared.RUNTIME);
    }

    /** The reference host's ABIs, but every case aborted with the reason. */
    private record Unavailable(String reason) implements Host {
        @Override
        public String id() {
            return ID;
        }

        @Override
        public Set<String> abis() {
            return Set.of("async-bridge", "wasm-exec", "wapc");
        }

        @Override
        public PreparedGuest prepare(GuestModule module) {
            throw new TestAbortedException(reason);
        }

        @Override
        public PreparedGuest prepare(GuestModule module, String abi) {
            throw new TestAbortedException(reason);
        }
    }
}
