package dev.wasmtck.host.external;

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
 * same outcome, message for message, as the reference host in process, on the harness's waPC cases
 * (passing and failing ones, host calls, templates, guest errors, traps, protocol faults).
 */
class ReferenceAdapterTest {
    private static final String[] FILES = {"case-features/wapc.yaml", "external/broken.yaml"};

    @TempDir
    Path dir;

    @Test
    void everyWapcCaseComesOutAsInProcess() throws Exception {
        Path declaration = Adapters.declare(dir, "reference", "5s", ReferenceAdapter.class);
        Map<String, String> inProcess = outcomes("chicory", declaration);
        Map<String, String> external = outcomes("reference", declaration);
        assertThat(inProcess).hasSizeGreaterThan(15);
        assertThat(external).isEqualTo(inProcess);
        // The comparison means something: both failing and passing cases are in it.
        assertThat(inProcess.values()).anyMatch(v -> v.startsWith("SUCCESSFUL")).anyMatch(v -> v.startsWith("FAILED"));
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
                    r.getStatus() + " " + message.replace("host " + host, "host HOST"));
        }
        return outcomes;
    }
}
