package dev.wasmtck.internal.runtime.chicory;

import dev.wasmtck.internal.runtime.SharedPageMemory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dylibso.chicory.wasm.Parser;
import dev.wasmtck.runtime.CompiledModule;
import dev.wasmtck.runtime.WasmInstance;
import dev.wasmtck.runtime.WasmTrap;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A module's data segments applied once, as pages its instances share until they write them. */
class ChicoryPageImageTest {
    private static final int PAGE = SharedPageMemory.PAGE;

    private static byte[] wasm(String name) throws IOException {
        try (InputStream in = ChicoryPageImageTest.class.getResourceAsStream("/wat/" + name + ".wasm")) {
            return in.readAllBytes();
        }
    }

    @Test
    void activeSegmentsAreAppliedInOrderAcrossPages() throws Exception {
        byte[][] image = ChicoryPageMemory.image(Parser.parse(wasm("data-image")));
        assertThat(image.length).isEqualTo(2);
        byte[] memory = new byte[2 * PAGE];
        System.arraycopy(image[0], 0, memory, 0, PAGE);
        System.arraycopy(image[1], 0, memory, PAGE, PAGE);
        assertThat(new String(memory, 65530, 10, StandardCharsets.US_ASCII)).isEqualTo("abcdXYghij");
        assertThat(Arrays.copyOf(memory, 65530)).containsOnly(0);
    }

    @Test
    void noImageWhereAnInstanceIsNeededOrTheDataDoesNotFit() throws Exception {
        assertThat(ChicoryPageMemory.image(Parser.parse(wasm("data-global-offset")))).isNull();
        assertThat(ChicoryPageMemory.image(Parser.parse(wasm("data-beyond-memory")))).isNull();
        assertThat(ChicoryPageMemory.image(Parser.parse(wasm("runtime-contract-nomemory")))).isNull();
    }

    @Test
    void instancesReadTheDataAndKeepTheirWritesToThemselves() throws Exception {
        for (boolean compiled : new boolean[] {true, false}) {
            CompiledModule module = new ChicoryRuntime(compiled).compile("data-image", wasm("data-image"));
            WasmInstance a = module.instantiate(List.of(), 4);
            WasmInstance b = module.instantiate(List.of(), 4);
            assertThat(a.function("load").call(65534)[0]).isEqualTo('X');
            a.function("store").call(65534, 'Q');
            a.function("init").call();   // the passive segment, to address 0
            assertThat(a.function("load").call(65534)[0]).isEqualTo('Q');
            assertThat(a.function("load").call(0)[0]).isEqualTo('p');
            assertThat(b.function("load").call(65534)[0]).as("another instance").isEqualTo('X');
            assertThat(b.function("load").call(0)[0]).isEqualTo(0);
            WasmInstance c = module.instantiate(List.of(), 4);
            assertThat(c.function("load").call(65534)[0]).as("a later instance").isEqualTo('X');
        }
    }

    @Test
    void dataBeyondTheMemoryStillFailsInstantiation() throws Exception {
        CompiledModule module = new ChicoryRuntime(true).compile("data-beyond-memory", wasm("data-beyond-memory"));
        assertThatThrownBy(() -> module.instantiate(List.of(), 4)).isInstanceOf(WasmTrap.class)
                .hasMessageContaining("out of bounds memory access");
    }
}
