package dev.wasmtck.internal.host.external;

import dev.wasmtck.host.Capabilities;
import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.host.Invocation;
import dev.wasmtck.runtime.Limits;
import dev.wasmtck.host.Outcome;
import dev.wasmtck.host.PooledGuest;
import org.opentest4j.TestAbortedException;

/**
 * A module for an external host. Nothing is sent at prepare time: each adapter process loads the
 * module when it first runs a case of it, so a crash while loading fails that case only (the kit
 * caches what {@code prepare} returns or throws for the whole run).
 */
final class ExternalGuest implements PooledGuest {
    private final ExternalHost host;
    private final String name;
    private final String abi;
    private final byte[] wasm;

    ExternalGuest(ExternalHost host, String name, String abi, byte[] wasm) {
        this.host = host;
        this.name = name;
        this.abi = abi;
        this.wasm = wasm;
    }

    String name() {
        return name;
    }

    String abi() {
        return abi;
    }

    byte[] wasm() {
        return wasm;
    }

    @Override
    public Outcome run(Invocation invocation) throws GuestFault {
        KitCallbacks callbacks = KitCallbacks.forCase(invocation);
        Outcome outcome = host.call(this, invocation, callbacks);
        return new Outcome(outcome.output(), outcome.stdout(), outcome.stderr(), outcome.exitCode(),
                outcome.globals(), callbacks.hostCalls());
    }

    /** A pool in the adapter, where it declares concurrent calls; otherwise the concurrent case is not run. */
    @Override
    public GuestPool pool(int size, Object settings, Limits limits) throws GuestFault {
        if (!host.capabilities().contains(Capabilities.WAPC_CONCURRENT)) {
            throw new TestAbortedException("concurrent case not run: host " + host.id() + "'s adapter does not declare '"
                    + Capabilities.WAPC_CONCURRENT + "' (no instance pool over the protocol)");
        }
        return new ExternalPool(host, this, size, settings, limits);
    }
}
