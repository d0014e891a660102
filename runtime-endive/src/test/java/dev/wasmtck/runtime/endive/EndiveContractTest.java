package dev.wasmtck.runtime.endive;

import dev.wasmtck.runtime.WasmRuntime;
import dev.wasmtck.runtime.WasmRuntimeContract;
import org.junit.jupiter.api.Nested;

/** The Endive binding meets the kit's runtime contract (harness runtime-contract test-jar), compiled and interpreted. */
class EndiveContractTest {

    @Nested
    class Compiled extends WasmRuntimeContract {
        @Override
        protected WasmRuntime runtime() {
            return new EndiveRuntime(true);
        }
    }

    @Nested
    class Interpreted extends WasmRuntimeContract {
        @Override
        protected WasmRuntime runtime() {
            return new EndiveRuntime(false);
        }
    }
}
