package dev.wasmtck.runtime.graalwasm;

import dev.wasmtck.runtime.WasmRuntime;

/** The runtime contract on GraalWasm. One runtime (one engine) for the class, as the host shares one. */
class GraalWasmContractTest extends RuntimeContractTest {
    private static final GraalWasmRuntime RUNTIME = new GraalWasmRuntime();

    @Override
    protected WasmRuntime runtime() {
        return RUNTIME;
    }
}
