package dev.wasmtck.host;

import dev.wasmtck.host.GuestFault.Kind;
import dev.wasmtck.module.InvalidModuleException;
import dev.wasmtck.module.ModuleReader;
import dev.wasmtck.module.ModuleShape;

/** A guest's WebAssembly binary and the name it is reported under. */
public record GuestModule(String name, byte[] wasm) {

    /**
     * What the module imports, exports and declares, read by the kit's own {@link ModuleReader}.
     *
     * @throws GuestFault {@link Kind#LINK} when the bytes are not a WebAssembly module
     */
    public ModuleShape shape() throws GuestFault {
        try {
            return ModuleReader.read(name, wasm);
        } catch (InvalidModuleException e) {
            throw new GuestFault(Kind.LINK, e.getMessage(), e);
        }
    }
}
