package dev.wasmtck.engine;

import dev.wasmtck.cases.GuestRef;
import dev.wasmtck.host.Host;

/** One place a case runs: a guest on a host. */
record Target(GuestRef guest, Host host) {

    /** The UniqueId value and display suffix, e.g. {@code c/message on chicory}. */
    String id() {
        return guest.displayName() + " on " + host.id();
    }
}
