package dev.wasmtck.internal.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wasmtck.module.ModuleReader;
import dev.wasmtck.module.ModuleShape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every js/wasm Go guest (guests/go) builds with both Go lines through the kit's builder, in the local
 * images (ci/images/build-local.sh go go1.19); the recipe says {@code go}, the second build
 * overrides it with {@code go1.19}. Each line's wasm_exec ABI shows in the import module: Go 1.21
 * and later import {@code gojs}, Go 1.19 imports {@code go}. Skipped (assumption) where there is
 * no Docker or no such image. Built into the kit's guest cache, so unchanged guests are not built again.
 */
class GoGuestsDockerTest {
    static final Path GUESTS = Path.of("..", "guests");   // surefire runs in the harness module
    static final Map<String, String> LOCAL = Map.of(
            Toolchain.GO.name(), Toolchain.GO.localImage(),
            Toolchain.GO_1_19.name(), Toolchain.GO_1_19.localImage());

    static List<String> goGuests() throws IOException {
        try (var dirs = Files.list(GUESTS.resolve("go"))) {
            // js/wasm guests only: the waPC guests built for wasip1 need Go >= 1.24 (WapcGuestsDockerTest).
            return dirs.filter(d -> Files.isRegularFile(d.resolve(GuestRecipe.FILE_NAME)))
                    .filter(d -> GuestRecipe.read(d.resolve(GuestRecipe.FILE_NAME)).build().contains("GOOS=js"))
                    .map(d -> "go/" + d.getFileName())
                    .sorted()
                    .toList();
        }
    }

    static List<String> toolchains() {
        return List.of(Toolchain.GO.name(), Toolchain.GO_1_19.name());
    }

    static void needsDockerAndImage(String toolchain) {
        TestcontainersBackend backend = new TestcontainersBackend();
        assumeTrue(backend.dockerAvailable(), "Docker not available");
        String image = LOCAL.get(toolchain);
        assumeTrue(backend.localImageId(image).isPresent(),
                image + " not built (ci/images/build-local.sh " + toolchain + ")");
    }

    static List<Object[]> guestsAndToolchains() throws IOException {
        return goGuests().stream()
                .flatMap(g -> toolchains().stream().map(t -> new Object[] {g, t}))
                .toList();
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("guestsAndToolchains")
    void buildsWithBothLines(String guest, String toolchain) throws Exception {
        needsDockerAndImage(toolchain);
        GuestBuilder builder = new GuestBuilder(GUESTS, GuestBuilderDockerTest.KIT_CACHE, LOCAL, true);
        // The recipes name the current line; the old one is an override.
        BuiltGuest g = builder.build(guest, toolchain.equals(Toolchain.GO.name()) ? null : toolchain);

        ModuleShape module = ModuleReader.read(guest, Files.readAllBytes(g.wasm()));
        Set<String> modules = module.imports().stream()
                .map(i -> i.module())
                .collect(Collectors.toCollection(TreeSet::new));
        String expected = toolchain.equals(Toolchain.GO.name()) ? "gojs" : "go";
        assertEquals(Set.of(expected), modules, guest + " built with " + toolchain + " imports");
        assertTrue(module.imports().stream().anyMatch(i -> i.name().equals("syscall/js.valueGet")),
                "imports the syscall/js functions");
        Set<String> exported = new TreeSet<>();
        module.exports().forEach(e -> exported.add(e.name()));
        assertTrue(exported.containsAll(Set.of("run", "resume", "getsp")), "wasm_exec exports: " + exported);
    }
}
