package dev.wasmtck.host.bridge;

import dev.wasmtck.host.Host;
import dev.wasmtck.host.HostProvider;

/** Registers the Chicory async-bridge host; {@code wasm.conformance.runtime=interpreter} turns the compiler off. */
public final class AsyncBridgeHostProvider implements HostProvider {
    @Override
    public String id() {
        return "chicory";
    }

    @Override
    public Host create(Config config) {
        return new AsyncBridgeHost(!config.get("wasm.conformance.runtime").map("interpreter"::equals).orElse(false));
    }
}
