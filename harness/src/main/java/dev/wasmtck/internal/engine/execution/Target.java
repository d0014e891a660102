package dev.wasmtck.internal.engine.execution;

import dev.wasmtck.internal.cases.GuestRef;
import dev.wasmtck.host.Host;

/**
 * One place a case runs: a guest on a host.
 *
 * @param toolchain what builds the guest: the case's override, else its recipe's; {@code prebuilt}
 *     for a {@code .wasm} guest, {@code unknown} when the recipe cannot be read (the run then says why)
 */
public record Target(GuestRef guest, Host host, String toolchain) {

    /** The UniqueId value and display suffix, e.g. {@code c/message on chicory}. */
    public String id() {
        return guest.displayName() + " on " + host.id();
    }
}
