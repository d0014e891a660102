package dev.wasmtck.runtime;

import org.apiguardian.api.API;
import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.module.InvalidModuleException;
import dev.wasmtck.module.ModuleReader;
import dev.wasmtck.module.ModuleShape;

/**
 * A WebAssembly runtime the reference hosts run on: Chicory is one binding
 * ({@code dev.wasmtck.internal.runtime.chicory}). The ABI logic of every reference host uses only this package;
 * docs/runtime-spi.md states the contract a binding must meet.
 *
 * <p>Implementations are thread-safe.
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface WasmRuntime {

    /**
     * Short, stable id; the reference host on this runtime reports it as its host id
     * ({@code chicory}, {@code graalwasm}).
     */
    String id();

    /**
     * Validates and prepares a module once; every case then instantiates the result. Expensive work
     * (translation to bytecode, caches) belongs here.
     *
     * @param name the guest's name, for messages
     * @throws GuestFault {@link GuestFault.Kind#LINK} when the runtime cannot parse, validate or
     *     compile the module
     */
    CompiledModule compile(String name, byte[] wasm) throws GuestFault;

    /**
     * A module's shape, read by the kit's own {@link ModuleReader}: what a binding's
     * {@link CompiledModule#shape()} returns, so every runtime sees and links a module the same way.
     *
     * @throws GuestFault {@link GuestFault.Kind#LINK} when the bytes are not a WebAssembly module
     */
    static ModuleShape readShape(String name, byte[] wasm) throws GuestFault {
        try {
            return ModuleReader.read(name, wasm);
        } catch (InvalidModuleException e) {
            throw new GuestFault(GuestFault.Kind.LINK, e.getMessage(), e);
        }
    }
}
