package dev.wasmtck.internal.host.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathResource;

import dev.wasmtck.engine.WasmConformanceEngine;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The protocol's own conformance test: the reference host through {@link ReferenceAdapter} gives the
 * same outcome, message for message, as the reference host in process, on the harness's cases of all
 * three ABIs: waPC (passing and failing ones, host calls, templates, guest errors, traps, protocol
 * faults), async-bridge (get scripts, delays, rejections, placements, limits) and wasm-exec (hostile Go
 * and TinyGo stand-ins, JS bombs, separate init limits). Left out: hostile-heap/heap.yaml, which
 * needs the small heap SmallHeapForkTest gives its own JVM.
 */
class ReferenceAdapterTest {
    private static final String[] FILES = {"case-features/wapc.yaml", "external/broken.yaml",
            "case-features/limits.yaml", "bridge/through-engine.yaml", "hostile/wasm-exec.yaml", "hostile/tinygo.yaml"};

    @TempDir
    Path dir;

    @Test
    void everyWapcCaseComesOutAsInProcess() throws Exception {
        // The adapter stops runaway guests itself (it declares timeout); the grace only keeps a loaded
        // machine from making the kit's deadline, rather than the adapter's answer, decide a hostile case.
        Path declaration = Adapters.declare(dir, "reference", "[wapc, async-bridge, wasm-exec]", "60s",
                ReferenceAdapter.class);
        Map<String, String> inProcess = outcomes("chicory", declaration);
        Map<String, String> external = outcomes("reference", declaration);
        assertThat(inProcess).hasSizeGreaterThan(50);
        // Every ABI is in the comparison.
        for (String abi : java.util.List.of("wapc", "async-bridge", "wasm-exec")) {
            assertThat(inProcess.keySet()).as(abi).anyMatch(k -> k.contains(abi) || k.contains(fileOf(abi)));
        }
        assertThat(external).isEqualTo(inProcess);
        // The comparison means something: both failing and passing cases are in it.
        assertThat(inProcess.values()).anyMatch(v -> v.startsWith("SUCCESSFUL")).anyMatch(v -> v.startsWith("FAILED"));
    }

    /**
     * A timeout's message without where the watchdog found the spinning guest ("(stopped while running
     * main)", "(before calling call)"): that depends on the machine's load, in process as through the adapter.
     */
    private static String untimed(String message) {
        return message.replaceAll("\\((stopped )?while running [^)]*\\)|\\(before calling [^)]*\\)", "(...)");
    }

    private static String fileOf(String abi) {
        return switch (abi) {
            case "async-bridge" -> "through-engine";
            case "wasm-exec" -> "hostile/wasm-exec";
            default -> "wapc.yaml";
        };
    }

    /** Each case's status and message, the host's id replaced by HOST so the two hosts compare. */
    private Map<String, String> outcomes(String host, Path declaration) {
        Map<String, String> outcomes = new TreeMap<>();
        var events = EngineTestKit.engine(WasmConformanceEngine.ENGINE_ID)
                .configurationParameter(ExternalHosts.KEY, declaration.toString())
                .configurationParameter("wasm.conformance.hosts", host)
                .selectors(java.util.Arrays.stream(FILES).map(f -> selectClasspathResource(f)).toList())
                .execute().testEvents().finished().list();
        for (Event e : events) {
            TestExecutionResult r = e.getRequiredPayload(TestExecutionResult.class);
            String message = r.getThrowable().map(Throwable::getMessage).orElse("");
            outcomes.put(e.getTestDescriptor().getUniqueId().toString().replace(host, "HOST"),
                    r.getStatus() + " " + untimed(message.replace("host " + host, "host HOST")));
        }
        return outcomes;
    }
}
