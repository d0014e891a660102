package dev.wasmtck.host;

/** A module a host has compiled, ready to be instantiated. Must be safe to use from several threads. */
public interface PreparedGuest {

    /**
     * Runs one case on a fresh instance, within {@code invocation.limits()}.
     *
     * @throws GuestFault when the guest traps, breaks the ABI, reports an error or runs out of time
     */
    Outcome run(Invocation invocation) throws GuestFault;
}
