package dev.wasmtck.internal.host.chicory;

import dev.wasmtck.Constants;
import dev.wasmtck.host.Host;
import dev.wasmtck.host.HostProvider;
import dev.wasmtck.internal.host.reference.ReferenceHost;
import dev.wasmtck.internal.runtime.chicory.ChicoryRuntime;

/**
 * Registers the reference host on Chicory (id {@code chicory});
 * {@code wasm.conformance.runtime=interpreter} turns Chicory's compiler off.
 */
public final class ChicoryHostProvider implements HostProvider {
    @Override
    public String id() {
        return "chicory";
    }

    @Override
    public Host create(Config config) {
        boolean compile = !config.get(Constants.RUNTIME).map("interpreter"::equals).orElse(false);
        return new ReferenceHost(new ChicoryRuntime(compile));
    }
}
