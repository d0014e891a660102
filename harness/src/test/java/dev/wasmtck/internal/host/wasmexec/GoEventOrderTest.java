package dev.wasmtck.internal.host.wasmexec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wasmtck.abi.wasmexec.AfterExit;
import dev.wasmtck.abi.wasmexec.WasmExecSettings;
import dev.wasmtck.host.GuestModule;
import dev.wasmtck.host.Invocation;
import dev.wasmtck.host.Outcome;
import dev.wasmtck.runtime.Limits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When {@code fs} calls a Go program back. Before main first pauses, Go 1.19 may already have started
 * the goroutine that pauses for events; a callback delivered inside the JS call then makes that goroutine
 * pause inside it, on the wrong stack, which under load showed as a false deadlock report or "unexpected
 * signal during runtime execution" in goroutines-sleep-and-tickers. So there the host calls back from the
 * event loop, as node's {@code fs} does; inside an event it calls back at once (as a browser's glue does).
 */
class GoEventOrderTest {
    @TempDir
    Path dir;

    @Test
    void fsCallsBackLaterBeforeMainFirstPausesAndAtOnceInsideAnEvent() throws Exception {
        GoLine line = GoLine.find("legacy");
        assumeTrue(line.installed(), line.missing());
        for (String name : List.of("main.go", "go.mod")) {
            try (InputStream in = getClass().getResourceAsStream("/go/event-order/" + name)) {
                Files.write(dir.resolve(name), in.readAllBytes());
            }
        }
        byte[] wasm = build(line.go());
        Outcome out = new WasmExecHost(new dev.wasmtck.internal.runtime.chicory.ChicoryRuntime(true))
                .prepare(new GuestModule("event-order", wasm))
                .run(new Invocation("wasm-exec", "", new byte[0], new WasmExecSettings(List.of(), Map.of(), Map.of(),
                        null, null, List.of(), null, AfterExit.REFUSE, "js"),
                        new Limits(Duration.ofSeconds(20), 256L << 20), List.of()));
        assertThat(out.stdout()).isEqualTo("before the first pause: false\ninside an event: true\n");
        assertThat(out.exitCode()).isZero();
    }

    private byte[] build(Path go) throws IOException, InterruptedException {
        // -trimpath: without it the binary holds this run's temporary folder, so every run would be a
        // new module to the compiled-class cache (compiled again, and one more entry left behind).
        ProcessBuilder pb = new ProcessBuilder(go.toString(), "build", "-trimpath", "-o", "event-order.wasm", ".")
                .directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("GOOS", "js");
        pb.environment().put("GOARCH", "wasm");
        Process p = pb.start();
        String log = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(log).isZero();
        return Files.readAllBytes(dir.resolve("event-order.wasm"));
    }
}
