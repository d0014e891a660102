package dev.wasmtck.runtime.graalwasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wasmtck.runtime.WasmInstance;
import dev.wasmtck.runtime.WasmRuntimeContract;
import dev.wasmtck.runtime.WasmTrap;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How far GraalWasm 25.0.2 addresses a wasm32 memory, measured because Go's bytes test
 * {@code TestIssue65571} needs more than 2 GiB (go-stdlib/skips.yaml). Its default memory stops
 * growing below 2 GiB; its off-heap memory ({@link GraalWasmRuntime#withFullAddressSpace()}) grows
 * past it, and loads and stores there work, but {@code memory.fill} and {@code memory.copy} take an
 * address at or above 2^31 as negative and trap. Go's runtime clears and moves memory with those two
 * instructions, so the test still fails on GraalWasm. When this test fails, GraalWasm has changed:
 * try the skipped Go test again ({@code WASM_TCK_HOST=graalwasm}, docs/go-launcher.md).
 */
class GraalWasmAddressSpaceTest {
    /** 2 GiB: the first address Chicory, Endive and GraalWasm's default memory cannot reach. */
    private static final int TWO_GIB = (int) (1L << 31);
    private static final int PAGES_PAST_2_GIB = (1 << 15) + 1;

    private static WasmInstance instance(GraalWasmRuntime runtime) throws Exception {
        return runtime.compile("beyond-2gib", WasmRuntimeContract.fixture("beyond-2gib")).instantiate(List.of(), 65536);
    }

    @Test
    void theDefaultMemoryStopsGrowingBelow2GiB() throws Exception {
        WasmInstance inst = instance(new GraalWasmRuntime());
        assertThat(inst.function("grow").call(PAGES_PAST_2_GIB - 1)).containsExactly(-1);
    }

    @Test
    void offHeapMemoryGrowsPast2GiBButBulkAccessThereTraps() throws Exception {
        WasmInstance inst = instance(GraalWasmRuntime.withFullAddressSpace());
        assertThat(inst.function("grow").call(PAGES_PAST_2_GIB - 1)).containsExactly(1);
        inst.function("store").call(TWO_GIB + 8, 1234);
        assertThat(inst.function("load").call(TWO_GIB + 8)).containsExactly(1234);
        assertThat(inst.memory().readI32(TWO_GIB + 8)).isEqualTo(1234);
        // The same range through bulk instructions: GraalWasm reports the address sign-extended.
        assertThatThrownBy(() -> inst.function("fill").call(TWO_GIB, 7, 40)).isInstanceOf(WasmTrap.class)
                .hasMessageContaining("at address 0xFFFFFFFF80000000");
        assertThatThrownBy(() -> inst.function("copy").call(16, TWO_GIB, 40)).isInstanceOf(WasmTrap.class)
                .hasMessageContaining("at address 0xFFFFFFFF80000000");
        inst.function("fill").call(64, 7, 40);
        assertThat(inst.function("load").call(64)).as("below 2 GiB bulk access works").containsExactly(0x07070707);
    }
}
