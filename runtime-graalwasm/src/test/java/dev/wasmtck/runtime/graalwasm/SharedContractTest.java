package dev.wasmtck.runtime.graalwasm;

import dev.wasmtck.runtime.WasmRuntime;
import dev.wasmtck.runtime.WasmRuntimeContract;

/** The kit's own runtime contract (harness tests, shipped as the runtime-contract test-jar), unchanged, on GraalWasm. */
class SharedContractTest extends WasmRuntimeContract {
    private static final GraalWasmRuntime RUNTIME = new GraalWasmRuntime();

    @Override
    protected WasmRuntime runtime() {
        return RUNTIME;
    }
}
