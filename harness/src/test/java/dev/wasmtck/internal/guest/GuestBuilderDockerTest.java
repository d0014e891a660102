package dev.wasmtck.internal.guest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.wasmtck.Constants;
import dev.wasmtck.internal.engine.config.KitConfig;

/**
 * Real builds in the local emscripten image (ci/images/build-local.sh emscripten). Skipped
 * (assumption) where there is no Docker or no such image.
 */
class GuestBuilderDockerTest {
    static final String IMAGE = Toolchain.EMSCRIPTEN.localImage();
    static final Map<String, String> LOCAL = Map.of("emscripten", IMAGE);
    static final Path GUESTS = Path.of("..", "guests");   // surefire runs in the harness module
    /**
     * The kit's own guest cache, which the suite uses too (and the other Docker guest tests): a guest whose
     * sources, recipe and image did not change is not built again, here as anywhere. Building for real and then
     * hitting the cache is {@link #buildsTheSeedGuestThenHitsTheCache}'s, in a temporary one.
     */
    static final Path KIT_CACHE = Path.of(System.getProperty(Constants.CACHE_DIR,
            KitConfig.defaultGuestCache().toString()));

    @TempDir Path cache;

    @BeforeAll
    static void needsDockerAndImage() {
        TestcontainersBackend backend = new TestcontainersBackend();
        assumeTrue(backend.dockerAvailable(), "Docker not available");
        assumeTrue(backend.localImageId(IMAGE).isPresent(), IMAGE + " not built (ci/images/build-local.sh emscripten)");
    }

    @Test
    void buildsTheSeedGuestThenHitsTheCache() throws IOException {
        GuestBuilder builder = new GuestBuilder(GUESTS, cache, LOCAL, true);
        BuiltGuest first = builder.build("c/message", null);
        assertFalse(first.fromCache());
        byte[] wasm = Files.readAllBytes(first.wasm());
        assertArrayEquals(new byte[] {0, 'a', 's', 'm'}, Arrays.copyOf(wasm, 4), "a wasm module");

        BuiltGuest second = new GuestBuilder(GUESTS, cache, LOCAL, true).build("c/message", null);
        assertTrue(second.fromCache());
        assertEquals(first.cacheKey(), second.cacheKey());
    }

    @Test
    void everyCGuestBuilds() throws IOException {
        GuestBuilder builder = new GuestBuilder(GUESTS, KIT_CACHE, LOCAL, true);
        try (var dirs = Files.list(GUESTS.resolve("c"))) {
            for (Path d : dirs.sorted().toList()) {
                if (Files.isRegularFile(d.resolve(GuestRecipe.FILE_NAME))) {
                    BuiltGuest g = builder.build("c/" + d.getFileName(), null);
                    assertTrue(Files.size(g.wasm()) > 100, g.name());
                }
            }
        }
    }

    @Test
    void compilerErrorsReachTheMessage(@TempDir Path guests) throws IOException {
        Path g = Files.createDirectories(guests.resolve("c/broken"));
        Files.writeString(g.resolve("broken.c"), "int call(void) { return 1 }\n");
        Files.writeString(g.resolve("guest.yaml"),
                "toolchain: emscripten\nbuild: emcc -Os -Wl,--no-entry broken.c -o broken.wasm\noutput: broken.wasm\n");
        GuestBuildException e = assertThrows(GuestBuildException.class,
                () -> new GuestBuilder(guests, cache, LOCAL, true).build("c/broken", null));
        String m = e.getMessage();
        assertTrue(m.contains("c/broken") && m.contains("emcc -Os -Wl,--no-entry broken.c") && m.contains("exited with 1"), m);
        assertTrue(m.contains("broken.c:1:") && m.contains("expected ';'"), m);
    }

    @Test
    void missingOutputIsABuildError(@TempDir Path guests) throws IOException {
        Path g = Files.createDirectories(guests.resolve("c/none"));
        Files.writeString(g.resolve("guest.yaml"), "toolchain: emscripten\nbuild: echo nothing\noutput: none.wasm\n");
        GuestBuildException e = assertThrows(GuestBuildException.class,
                () -> new GuestBuilder(guests, cache, LOCAL, true).build("c/none", null));
        assertTrue(e.getMessage().contains("produced no none.wasm"), e.getMessage());
    }

    @Test
    void absentImageIsUnavailable(@TempDir Path guests) throws IOException {
        Path g = Files.createDirectories(guests.resolve("c/x"));
        Files.writeString(g.resolve("guest.yaml"), "toolchain: emscripten\nbuild: true\noutput: x.wasm\n");
        // Aborted even with Docker required: the engine answers, only the image is missing.
        GuestUnavailableException e = assertThrows(GuestUnavailableException.class,
                () -> new GuestBuilder(guests, cache, Map.of("emscripten", "wasm-tck/no-such-image:0"), true)
                        .build("c/x", null));
        assertTrue(e.getMessage().startsWith(
                "guest c/x: Emscripten toolchain image wasm-tck/no-such-image:0 not available: "), e.getMessage());
        assertTrue(e.getMessage().contains("set wasm.conformance.toolchain.emscripten.image"), e.getMessage());
    }
}
