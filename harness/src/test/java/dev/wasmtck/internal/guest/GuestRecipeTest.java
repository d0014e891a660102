package dev.wasmtck.internal.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmtck.internal.yaml.CaseFormatException;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuestRecipeTest {

    private static CaseFormatException fails(String yaml) {
        return assertThrows(CaseFormatException.class, () -> GuestRecipe.parse(yaml, "g/guest.yaml"));
    }

    @Test
    void parsesAllKeys() {
        GuestRecipe r = GuestRecipe.parse("""
                toolchain: emscripten
                include: [../msgpack, ../common]
                build: >-
                  emcc -Os a.c
                  -o a.wasm
                output: a.wasm
                """, "g/guest.yaml");
        assertEquals("emscripten", r.toolchain());
        assertEquals(List.of("../msgpack", "../common"), r.include());
        assertEquals("emcc -Os a.c -o a.wasm", r.build());
        assertEquals("a.wasm", r.output());
    }

    @Test
    void includeIsOptionalAndMayBeOneString() {
        assertEquals(List.of(), GuestRecipe.parse("toolchain: go\nbuild: go build\noutput: x.wasm\n", "f").include());
        assertEquals(List.of("../lib"),
                GuestRecipe.parse("toolchain: go\ninclude: ../lib\nbuild: b\noutput: x.wasm\n", "f").include());
    }

    @Test
    void unknownKeyIsReportedAtItsLine() {
        CaseFormatException e = fails("toolchain: emscripten\nbuild: make\noutput: a.wasm\nouptut: b.wasm\n");
        assertTrue(e.getMessage().startsWith("g/guest.yaml:4: unknown key 'ouptut'"), e.getMessage());
    }

    @Test
    void missingBuildNamesTheKey() {
        CaseFormatException e = fails("toolchain: emscripten\noutput: a.wasm\n");
        assertTrue(e.getMessage().startsWith("g/guest.yaml:1: "), e.getMessage());
        assertTrue(e.getMessage().contains("'build'"), e.getMessage());
    }

    @Test
    void unknownToolchainListsTheKnownOnes() {
        CaseFormatException e = fails("build: make\noutput: a.wasm\ntoolchain: rustc\n");
        assertTrue(e.getMessage().startsWith("g/guest.yaml:3: unknown toolchain 'rustc'"), e.getMessage());
        assertTrue(e.getMessage().contains("emscripten"), e.getMessage());
    }

    @Test
    void pathsMustBeRelativeAndOutputInsideTheFolder() {
        assertTrue(fails("toolchain: go\ninclude:\n  - ok\n  - /abs\nbuild: b\noutput: a.wasm\n")
                .getMessage().startsWith("g/guest.yaml:4: include must be a relative path"));
        assertTrue(fails("toolchain: go\nbuild: b\noutput: ../a.wasm\n")
                .getMessage().startsWith("g/guest.yaml:3: output must stay inside"));
    }

    @Test
    void emptyOrWrongTypedValuesAreLocated() {
        assertTrue(fails("toolchain: go\nbuild: ''\noutput: a.wasm\n").getMessage().startsWith("g/guest.yaml:2:"));
        assertTrue(fails("toolchain: go\nbuild: [a, b]\noutput: a.wasm\n").getMessage().startsWith("g/guest.yaml:2:"));
        assertTrue(fails("- toolchain: go\n").getMessage().startsWith("g/guest.yaml:1:"));
    }

    @Test
    void yamlSyntaxErrorsCarryTheLine() {
        CaseFormatException e = fails("toolchain: go\nbuild: \"unterminated\noutput: a.wasm\n");
        assertTrue(e.getMessage().startsWith("g/guest.yaml:"), e.getMessage());
        assertTrue(e.where().line() > 0, e.getMessage());
    }
}
