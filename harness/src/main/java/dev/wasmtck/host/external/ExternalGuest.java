package dev.wasmtck.host.external;

import dev.wasmtck.host.GuestFault;
import dev.wasmtck.host.Invocation;
import dev.wasmtck.host.Outcome;
import dev.wasmtck.host.PreparedGuest;

/**
 * A module for an external host. Nothing is sent at prepare time: each adapter process loads the
 * module when it first runs a case of it, so a crash while loading fails that case only (the kit
 * caches what {@code prepare} returns or throws for the whole run).
 */
final class ExternalGuest implements PreparedGuest {
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
}
