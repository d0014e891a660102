package dev.wasmtck.engine;

import dev.wasmtck.cases.CaseSource;
import dev.wasmtck.cases.GuestRef;
import dev.wasmtck.host.GuestModule;
import java.io.FileNotFoundException;

/** Loads prebuilt guests next to their case file, and builds source guests with their toolchain. */
final class DefaultGuestLoader implements GuestLoader {
    private final KitConfig config;

    DefaultGuestLoader(KitConfig config) {
        this.config = config;
    }

    @Override
    public GuestModule load(GuestRef ref, CaseSource caseFile) throws Exception {
        if (ref.kind() == GuestRef.Kind.WASM) {
            byte[] wasm = caseFile.readSibling(ref.path()).orElseThrow(() -> new FileNotFoundException(
                    "prebuilt guest '" + ref.path() + "' (named at " + ref.where() + ") not found next to "
                            + caseFile.location()));
            return new GuestModule(ref.displayName(), wasm);
        }
        throw new UnsupportedOperationException("building guests from source is not wired in yet: " + config.guestsDir());
    }
}
