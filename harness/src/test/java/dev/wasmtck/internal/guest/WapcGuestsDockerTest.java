package dev.wasmtck.internal.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wasmtck.module.ModuleReader;
import dev.wasmtck.module.ModuleShape;
import dev.wasmtck.module.ModuleShape.ExternKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The waPC guests (docs/guests.md, "waPC guests") build through the kit's builder in the local
 * images, and their imports and exports are what a waPC host expects: {@code __guest_call} and
 * {@code memory} exported, imports only from {@code wapc} (plus {@code wasi_snapshot_preview1} for
 * the wasip1 Go guest; the C and Rust guests import nothing else). The js/wasm "fake waPC" guests carry waPC over Go's wasm_exec ABI, so they
 * export run/resume/getsp and import only the Go line's module. Skipped (assumption) where there
 * is no Docker or no such image. The TinyGo guest is not built here (no TinyGo image).
 */
class WapcGuestsDockerTest {
    static final Path GUESTS = Path.of("..", "guests");   // surefire runs in the harness module
    static final Map<String, String> LOCAL = Map.of(
            Toolchain.EMSCRIPTEN.name(), Toolchain.EMSCRIPTEN.localImage(),
            Toolchain.GO.name(), Toolchain.GO.localImage(),
            Toolchain.GO_1_19.name(), Toolchain.GO_1_19.localImage(),
            Toolchain.RUST.name(), Toolchain.RUST.localImage());

    static final Set<String> WAPC_IMPORTS = Set.of("__guest_request", "__guest_response", "__guest_error",
            "__host_call", "__host_response_len", "__host_response", "__host_error_len", "__host_error",
            "__console_log");

    static void needsDockerAndImage(String toolchain) {
        TestcontainersBackend backend = new TestcontainersBackend();
        assumeTrue(backend.dockerAvailable(), "Docker not available");
        String image = LOCAL.get(toolchain);
        assumeTrue(backend.localImageId(image).isPresent(),
                image + " not built (ci/images/build-local.sh " + toolchain + ")");
    }

    static ModuleShape build(String guest, String toolchain, String override) throws Exception {
        needsDockerAndImage(toolchain);
        BuiltGuest g = new GuestBuilder(GUESTS, GuestBuilderDockerTest.KIT_CACHE, LOCAL, true).build(guest, override);
        return ModuleReader.read(guest, java.nio.file.Files.readAllBytes(g.wasm()));
    }

    /** module -> names imported from it. */
    static Map<String, Set<String>> imports(ModuleShape m) {
        return m.imports().stream().collect(Collectors.groupingBy(i -> i.module(), TreeMap::new,
                Collectors.mapping(i -> i.name(), Collectors.toCollection(TreeSet::new))));
    }

    static Map<String, ExternKind> exports(ModuleShape m) {
        Map<String, ExternKind> out = new TreeMap<>();
        m.exports().forEach(e -> out.put(e.name(), e.kind()));
        return out;
    }

    static List<Object[]> realWapcGuests() {
        return List.of(
                new Object[] {"c/wapc-echo", Toolchain.EMSCRIPTEN.name(), Set.of("wapc"), Set.of("wapc_init")},
                new Object[] {"go/wapc-echo", Toolchain.GO.name(), Set.of("wapc", "wasi_snapshot_preview1"),
                        Set.of("_initialize")},
                new Object[] {"rust/wapc-echo", Toolchain.RUST.name(), Set.of("wapc"), Set.of("wapc_init")});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("realWapcGuests")
    void importsWapcAndExportsGuestCall(String guest, String toolchain, Set<String> modules, Set<String> initExports)
            throws Exception {
        ModuleShape m = build(guest, toolchain, null);
        Map<String, Set<String>> imports = imports(m);
        assertEquals(modules, imports.keySet(), guest + " imports from " + imports);
        assertEquals(WAPC_IMPORTS, imports.get("wapc"), "every waPC host function, nothing else");
        Map<String, ExternKind> exports = exports(m);
        assertEquals(ExternKind.FUNCTION, exports.get("__guest_call"), "exports: " + exports.keySet());
        assertEquals(ExternKind.MEMORY, exports.get("memory"), "exports: " + exports.keySet());
        assertTrue(exports.keySet().containsAll(initExports), "init exports " + initExports + " in " + exports.keySet());
        // The Go reactor has no _start; the C and Rust guests have neither _start nor _initialize.
        assertTrue(!exports.containsKey("_start"), "no _start: " + exports.keySet());
    }

    static List<Object[]> fakeWapcGuests() {
        return List.of(
                new Object[] {"go/fake-wapc-echo", Toolchain.GO.name()},
                new Object[] {"go/fake-wapc-echo", Toolchain.GO_1_19.name()},
                new Object[] {"go/fake-wapc-example", Toolchain.GO.name()},
                new Object[] {"go/fake-wapc-example", Toolchain.GO_1_19.name()});
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("fakeWapcGuests")
    void fakeWapcGuestsUseTheJsAbi(String guest, String toolchain) throws Exception {
        ModuleShape m = build(guest, toolchain, toolchain.equals(Toolchain.GO.name()) ? null : toolchain);
        String expected = toolchain.equals(Toolchain.GO.name()) ? "gojs" : "go";
        assertEquals(Set.of(expected), imports(m).keySet(), guest + " imports");
        assertTrue(exports(m).keySet().containsAll(Set.of("run", "resume", "getsp", "mem")),
                "wasm_exec exports: " + exports(m).keySet());
    }
}
