package dev.wasmtck.host;

import org.apiguardian.api.API;
import java.util.Optional;

/**
 * Makes a {@link Host} available to the engine. Implementations are found with
 * {@link java.util.ServiceLoader}; {@code wasm.conformance.hosts} picks which of them run.
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface HostProvider {

    /** The id of the host this provider creates; equals {@code create(...).id()}. */
    String id();

    /** Creates the host. {@code config} answers the kit's configuration keys (e.g. {@code wasm.conformance.runtime}). */
    Host create(Config config);

    /** Read access to the kit's configuration parameters. */
    @FunctionalInterface
    interface Config {
        Optional<String> get(String key);
    }
}
