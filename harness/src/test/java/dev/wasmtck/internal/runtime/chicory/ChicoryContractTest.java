package dev.wasmtck.internal.runtime.chicory;

import dev.wasmtck.runtime.WasmRuntime;
import dev.wasmtck.runtime.WasmRuntimeContract;
import org.junit.jupiter.api.Nested;

/** The Chicory binding meets the runtime contract, compiled and interpreted. */
class ChicoryContractTest {

    @Nested
    class Compiled extends WasmRuntimeContract {
        @Override
        protected WasmRuntime runtime() {
            return new ChicoryRuntime(true);
        }
    }

    @Nested
    class Interpreted extends WasmRuntimeContract {
        @Override
        protected WasmRuntime runtime() {
            return new ChicoryRuntime(false);
        }
    }
}
