package dev.wasmtck.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile guests next to an ordinary suite, in a JVM of their own with a 512 MiB heap: the JVM
 * must finish, report every case, fail only the one case of the ordinary suite that fails by design,
 * and nothing a guest did may show up outside its case.
 */
class SmallHeapForkTest {
    private static final List<String> FILES = List.of("bridge/through-engine.yaml", "hostile/wapc.yaml",
            "hostile/wasm-exec.yaml", "hostile/tinygo.yaml", "hostile-heap/heap.yaml");

    @Test
    void aSmallHeapJvmRunsEveryCaseToTheEnd(@TempDir Path dir) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), ForkedSuiteMain.class.getName()));
        command.addAll(FILES);
        Path log = dir.resolve("fork.log");
        Process fork = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = fork.waitFor(150, TimeUnit.SECONDS);
        if (!finished) {
            fork.destroyForcibly();
        }
        String out = read(log);
        System.out.println(out);
        assertThat(finished).as("the forked JVM finished; its output:\n" + out).isTrue();
        assertThat(fork.exitValue()).as(out).isZero();
        // 8 cases of the ordinary file (one fails by design), 13 + 13 + 6 hostile, 4 that exhaust the heap.
        assertThat(out).as(out).contains("TOTAL started=44 succeeded=43 failed=1 aborted=0");
        assertThat(out).contains("CASE FAILED bridge/through-engine").doesNotContain("CASE FAILED hostile");
        assertThat(out).as("no error escaped a case").doesNotContain("Exception in thread");
    }

    private static String read(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }
}
