package dev.wasmtck.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed .wasm test guests must be what ci/wat-fixtures.sh builds from their .wat sources: the
 * harness's fixtures, and the suite's prebuilt stand-ins (checked from the source tree, when present).
 */
class WatFixturesTest {
    private static final Path SUITE_GUESTS =
            Path.of("conformance-suite/src/main/resources/conformance/async-bridge/guests");

    private static Stream<Path> wats() throws Exception {
        Path suite = Path.of("").toAbsolutePath().resolveSibling(SUITE_GUESTS.toString());
        List<Path> dirs = Files.isDirectory(suite) ? List.of(fixtureDir(), suite) : List.of(fixtureDir());
        List<Path> wats = new java.util.ArrayList<>();
        for (Path dir : dirs) {
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(p -> p.toString().endsWith(".wat")).sorted().forEach(wats::add);
            }
        }
        return wats.stream();
    }

    private static Path fixtureDir() throws URISyntaxException {
        return Path.of(WatFixturesTest.class.getClassLoader().getResource("wat").toURI());
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        return Stream.of(path.split(File.pathSeparator)).anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }

    @Test
    void everyWatHasItsWasm() throws Exception {
        try (Stream<Path> files = wats()) {
            List<Path> wats = files.toList();
            assertFalse(wats.isEmpty());
            for (Path wat : wats) {
                Path wasm = wasmOf(wat);
                assertEquals(true, Files.exists(wasm), wasm + " is missing: run ci/wat-fixtures.sh");
            }
        }
    }

    @Test
    void committedWasmMatchesAFreshBuild(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(onPath("wat2wasm"), "wat2wasm (wabt) is not on PATH, so the fixtures cannot be rebuilt here");
        try (Stream<Path> files = wats()) {
            for (Path wat : files.toList()) {
                Path fresh = tmp.resolve(wasmOf(wat).getFileName());
                Process p = new ProcessBuilder("wat2wasm", wat.toString(), "-o", fresh.toString())
                        .redirectErrorStream(true).start();
                String output = new String(p.getInputStream().readAllBytes());
                assertEquals(true, p.waitFor(60, TimeUnit.SECONDS), "wat2wasm hung on " + wat);
                assertEquals(0, p.exitValue(), () -> "wat2wasm failed on " + wat + ":\n" + output);
                assertArrayEquals(Files.readAllBytes(fresh), Files.readAllBytes(wasmOf(wat)),
                        () -> wasmOf(wat).getFileName() + " is stale: run ci/wat-fixtures.sh and commit the result");
            }
        }
    }

    private static Path wasmOf(Path wat) {
        String name = wat.getFileName().toString();
        return wat.resolveSibling(name.substring(0, name.length() - 4) + ".wasm");
    }

}
