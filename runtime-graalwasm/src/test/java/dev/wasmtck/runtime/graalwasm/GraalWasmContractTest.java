package dev.wasmtck.runtime.graalwasm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmtck.runtime.LinearMemory;
import dev.wasmtck.runtime.WasmFunction;
import dev.wasmtck.runtime.WasmRuntime;
import dev.wasmtck.runtime.WasmRuntimeContract;
import org.junit.jupiter.api.Test;

/**
 * The kit's runtime contract (harness runtime-contract test-jar) on GraalWasm, plus what only this
 * binding needs. One runtime (one engine) for the class, as the host shares one.
 */
class GraalWasmContractTest extends WasmRuntimeContract {
    private static final GraalWasmRuntime RUNTIME = new GraalWasmRuntime();

    @Override
    protected WasmRuntime runtime() {
        return RUNTIME;
    }

    @Test
    void handlesKeepTheirContextOpenAfterTheInstanceIsDropped() throws Exception {
        // Contexts are closed by a Cleaner once their instance is garbage; a memory or function handle
        // that outlives its instance object must keep the context open.
        LinearMemory memory = instance().memory();
        WasmFunction add = instance().function("add64");
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(20);
        }
        memory.writeI32(64, 7);
        assertThat(memory.readI32(64)).isEqualTo(7);
        assertThat(add.call(2, 2)).containsExactly(4);
    }
}
