package dev.wasmtck.host.chicory;

import dev.wasmtck.host.Host;
import dev.wasmtck.host.HostProvider;

/** Registers the reference host; {@code wasm.conformance.runtime=interpreter} turns Chicory's compiler off. */
public final class ChicoryHostProvider implements HostProvider {
    @Override
    public String id() {
        return "chicory";
    }

    @Override
    public Host create(Config config) {
        return new ChicoryHost(!config.get("wasm.conformance.runtime").map("interpreter"::equals).orElse(false));
    }
}
