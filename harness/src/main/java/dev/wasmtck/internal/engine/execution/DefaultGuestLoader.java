package dev.wasmtck.internal.engine.execution;

import dev.wasmtck.internal.cases.CaseSource;
import dev.wasmtck.internal.cases.GuestRef;
import dev.wasmtck.internal.engine.config.KitConfig;
import dev.wasmtck.internal.guest.BuiltGuest;
import dev.wasmtck.internal.guest.GuestBuilder;
import dev.wasmtck.host.GuestModule;
import java.io.FileNotFoundException;

/**
 * Loads prebuilt guests named relative to their case file, and builds source guests with their
 * toolchain (through the content-addressed cache, so unchanged sources start no container).
 */
public final class DefaultGuestLoader implements GuestLoader {
    private final GuestBuilder builder;
    private final long maxModuleBytes;

    public DefaultGuestLoader(KitConfig config) {
        this.maxModuleBytes = config.moduleMaxBytes();
        this.builder = new GuestBuilder(config.guestsDir(), config.cacheDir(), config.toolchainImages(),
                config.dockerRequired());
    }

    @Override
    public GuestModule load(GuestRef ref, CaseSource caseFile) throws Exception {
        if (ref.kind() == GuestRef.Kind.WASM) {
            byte[] wasm = caseFile.readSibling(ref.path(), maxModuleBytes).orElseThrow(() -> new FileNotFoundException(
                    "prebuilt guest '" + ref.path() + "' (named at " + ref.where() + ") not found next to "
                            + caseFile.location()));
            return new GuestModule(ref.displayName(), wasm);
        }
        BuiltGuest built = builder.build(ref.path(), ref.toolchain());
        return new GuestModule(ref.displayName(), built.read());
    }
}
