package dev.wasmtck.runtime.endive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wasmtck.runtime.CompiledModule;
import dev.wasmtck.runtime.WasmInstance;
import dev.wasmtck.runtime.WasmTrap;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import run.endive.wasm.Parser;

/**
 * Endive instances get the kit's memory too (pages shared until written, the module's data applied once):
 * the harness's ChicoryPageMemoryTest checks the pages against a runtime's own memory; here, that Endive runs on
 * them (its runtime contract runs on them as well).
 */
class EndivePageMemoryTest {
    private static byte[] wasm(String name) throws IOException {
        try (InputStream in = EndivePageMemoryTest.class.getResourceAsStream("/wat/" + name + ".wasm")) {
            return in.readAllBytes();
        }
    }

    @Test
    void instancesReadTheModulesDataAndKeepTheirWritesToThemselves() throws Exception {
        assertThat(EndivePageMemory.image(Parser.parse(wasm("data-image")))).isNotNull();
        for (boolean compiled : new boolean[] {true, false}) {
            CompiledModule module = new EndiveRuntime(compiled).compile("data-image", wasm("data-image"));
            WasmInstance a = module.instantiate(List.of(), 4);
            WasmInstance b = module.instantiate(List.of(), 4);
            assertThat(a.function("load").call(65534)[0]).isEqualTo('X');
            a.function("store").call(65534, 'Q');
            a.function("init").call();
            assertThat(a.function("load").call(65534)[0]).isEqualTo('Q');
            assertThat(a.function("load").call(0)[0]).isEqualTo('p');
            assertThat(b.function("load").call(65534)[0]).as("another instance").isEqualTo('X');
            assertThat(module.instantiate(List.of(), 4).function("load").call(65534)[0]).isEqualTo('X');
        }
    }

    @Test
    void dataBeyondTheMemoryStillFailsInstantiation() throws Exception {
        assertThat(EndivePageMemory.image(Parser.parse(wasm("data-beyond-memory")))).isNull();
        CompiledModule module = new EndiveRuntime(true).compile("data-beyond-memory", wasm("data-beyond-memory"));
        assertThatThrownBy(() -> module.instantiate(List.of(), 4)).isInstanceOf(WasmTrap.class)
                .hasMessageContaining("out of bounds memory access");
    }
}
