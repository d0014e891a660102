package dev.wasmtck.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Only the Chicory binding may use Chicory: every other class, main or test, reaches a runtime through
 * the interface, so the hosts run unchanged on another binding. Scans the sources (imports and fully
 * qualified names alike).
 */
class RuntimeIsolationTest {
    private static final Pattern CHICORY = Pattern.compile("\\bcom\\.dylibso\\.");
    private static final String BINDING = "dev/wasmtck/internal/runtime/chicory/";

    /** Java sources under {@code root} outside the binding package that mention Chicory's packages. */
    static List<String> offenders(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !root.relativize(p).toString().replace('\\', '/').startsWith(BINDING))
                    .filter(p -> {
                        try {
                            return CHICORY.matcher(Files.readString(p)).find();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .map(p -> root.relativize(p).toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path sources(String set) {
        // Surefire runs in the module directory.
        return Path.of("src", set, "java");
    }

    @Test
    void onlyTheBindingUsesChicory() {
        assertTrue(Files.isDirectory(sources("main")), "run from the harness module: " + Path.of("").toAbsolutePath());
        assertEquals(List.of(), offenders(sources("main")), "main classes outside " + BINDING + " that use Chicory");
        assertEquals(List.of(), offenders(sources("test")), "test classes outside " + BINDING + " that use Chicory");
    }

    @Test
    void theScanFindsAnOffender(@TempDir Path root) throws IOException {
        Path host = root.resolve("dev/wasmtck/host/Sneaky.java");
        Files.createDirectories(host.getParent());
        Files.writeString(host, "package dev.wasmtck.host;\nclass Sneaky { com." + "dylibso.chicory.runtime.Memory m; }\n");
        Path binding = root.resolve(BINDING + "Fine.java");
        Files.createDirectories(binding.getParent());
        Files.writeString(binding, "package dev.wasmtck.internal.runtime.chicory;\nimport com." + "dylibso.chicory.runtime.Memory;\n");
        assertEquals(List.of(Path.of("dev/wasmtck/host/Sneaky.java").toString()), offenders(root));
    }
}
