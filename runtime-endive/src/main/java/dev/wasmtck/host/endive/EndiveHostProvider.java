package dev.wasmtck.host.endive;

import dev.wasmtck.Constants;
import dev.wasmtck.host.Host;
import dev.wasmtck.host.HostProvider;
import dev.wasmtck.internal.host.reference.ReferenceHost;
import dev.wasmtck.runtime.endive.EndiveRuntime;

/**
 * Registers the reference host on Endive (id {@code endive}); {@code wasm.conformance.runtime=interpreter}
 * turns Endive's compiler off, as it does Chicory's.
 */
public final class EndiveHostProvider implements HostProvider {
    public static final String ID = "endive";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Host create(Config config) {
        boolean compile = !config.get(Constants.RUNTIME).map("interpreter"::equals).orElse(false);
        return new ReferenceHost(new EndiveRuntime(compile));
    }
}
