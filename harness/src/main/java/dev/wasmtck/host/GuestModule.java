package dev.wasmtck.host;

import org.apiguardian.api.API;
import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.module.ModuleShape;
import dev.wasmtck.runtime.WasmRuntime;

/** A guest's WebAssembly binary and the name it is reported under. */
@API(status = API.Status.STABLE, since = "0.1")
public record GuestModule(String name, byte[] wasm) {

    /**
     * What the module imports, exports and declares, read as every runtime reads it
     * ({@link WasmRuntime#readShape}).
     *
     * @throws GuestFault {@link GuestFault.Kind#LINK} when the bytes are not a WebAssembly module
     */
    public ModuleShape shape() throws GuestFault {
        return WasmRuntime.readShape(name, wasm);
    }
}
