package dev.wasmtck.host;

import org.apiguardian.api.API;
import dev.wasmtck.runtime.GuestFault;
/** A module a host has compiled, ready to be instantiated. Must be safe to use from several threads. */
@API(status = API.Status.STABLE, since = "0.1")
public interface PreparedGuest {

    /**
     * Runs one case on a fresh instance, within {@code invocation.limits()}.
     *
     * @throws GuestFault when the guest traps, breaks the ABI, reports an error or runs out of time
     */
    Outcome run(Invocation invocation) throws GuestFault;

    /**
     * What the host decides on its own for this invocation that a reader of the result should know,
     * such as a compatibility mode it falls back to; one sentence each. The engine publishes them as
     * JUnit report entries of the case. None by default.
     */
    default java.util.List<String> notes(Invocation invocation) {
        return java.util.List.of();
    }
}
