package dev.wasmtck.host.graalwasm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmtck.runtime.WasmRuntimeContract;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code WASM_TCK_HOST=graalwasm bin/go_js_wasm_exec}: the launcher script starts
 * the Go launcher with {@code WASM_TCK_HOST=graalwasm}, which runs a Go js/wasm program (a WAT stand-in that prints "ok" and
 * exits 0) on GraalWasm with the process's stdout and exit code.
 */
class GraalWasmGoLauncherTest {

    private static Process launch(Path dir, String runtime) throws Exception {
        Path wasm = dir.resolve("ok.wasm");
        Files.write(wasm, WasmRuntimeContract.fixture("hostile-gojs"));
        Path script = Path.of("..", "bin", "go_js_wasm_exec").toAbsolutePath().normalize();
        ProcessBuilder pb = new ProcessBuilder(script.toString(), wasm.toString()).directory(dir.toFile())
                .redirectErrorStream(true);
        pb.environment().put("WASM_TCK_HOST", runtime);
        pb.environment().put("WASM_TCK_CLASSPATH", System.getProperty("surefire.test.class.path",
                System.getProperty("java.class.path")));
        pb.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process p = pb.start();
        p.getOutputStream().close();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the launcher ends").isTrue();
        return p;
    }

    private static String output(Process p) throws Exception {
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void runsAGoProgramOnGraalWasm(@TempDir Path dir) throws Exception {
        Process p = launch(dir, "graalwasm");
        String out = output(p);
        assertThat(out).as(out).endsWith("ok\n");
        assertThat(p.exitValue()).as(out).isZero();
    }

    @Test
    void refusesAnUnknownRuntime(@TempDir Path dir) throws Exception {
        Process p = launch(dir, "wasmtime");
        assertThat(output(p)).contains("WASM_TCK_HOST must be chicory, endive or graalwasm, found 'wasmtime'");
        assertThat(p.exitValue()).isEqualTo(1);
    }
}
