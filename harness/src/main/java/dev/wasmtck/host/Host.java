package dev.wasmtck.host;

import org.apiguardian.api.API;
import dev.wasmtck.runtime.GuestFault;
import java.util.Set;

/**
 * A host runs guest modules that speak one or more ABIs. The reference hosts implement it on
 * Chicory; a plugin platform implements it to regression-test its own host against the suite.
 *
 * <p>The kit calls {@link #prepare} once per module and shares the result across cases and threads,
 * so a host should do its parsing and compiling there and keep per-case state out of it.
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface Host {

    /** Short, stable id used in test names, reports and configuration, e.g. {@code chicory}. */
    String id();

    /** The ABI names this host implements, e.g. {@code async-bridge}. */
    Set<String> abis();

    /**
     * Optional behaviours this host offers beyond its ABIs, named as in {@link Capabilities}.
     * A case that {@code requires} a capability missing here is reported skipped, naming both.
     */
    default Set<String> capabilities() {
        return Set.of();
    }

    /** Parses, validates and compiles a module once. */
    PreparedGuest prepare(GuestModule module) throws GuestFault;

    /**
     * Prepares a module for one of this host's ABIs. Hosts that serve several ABIs check and link a
     * module differently for each; the default is for single-ABI hosts.
     */
    default PreparedGuest prepare(GuestModule module, String abi) throws GuestFault {
        return prepare(module);
    }
}
