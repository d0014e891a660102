package dev.wasmtck.runtime;

import dev.wasmtck.host.GuestFault;

/**
 * A WebAssembly runtime the reference hosts run on: Chicory is one binding
 * ({@code dev.wasmtck.runtime.chicory}). The ABI logic of every reference host uses only this package;
 * docs/runtime-spi.md states the contract a binding must meet.
 *
 * <p>Implementations are thread-safe.
 */
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
}
