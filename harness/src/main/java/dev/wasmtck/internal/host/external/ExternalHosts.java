package dev.wasmtck.internal.host.external;

import dev.wasmtck.Constants;
import dev.wasmtck.host.HostProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The external hosts a run declares: {@value #KEY} lists host declaration files
 * (docs/host-protocol.md#declaring-a-host), comma-separated; each adds one host beside the
 * ServiceLoader ones, selected by {@code wasm.conformance.hosts} like them.
 */
public final class ExternalHosts {
    /** {@link Constants#EXTERNAL_HOSTS}, kept here for code written against it. */
    public static final String KEY = Constants.EXTERNAL_HOSTS;

    private ExternalHosts() {}

    /** The declarations named by the configuration, read once; a bad file fails with its file:line. */
    public static List<AdapterSpec> declared(HostProvider.Config config) {
        List<AdapterSpec> specs = new ArrayList<>();
        for (String file : config.get(Constants.EXTERNAL_HOSTS).orElse("").split(",")) {
            if (!file.isBlank()) {
                specs.add(AdapterSpec.read(Path.of(file.trim())));
            }
        }
        return specs;
    }
}
