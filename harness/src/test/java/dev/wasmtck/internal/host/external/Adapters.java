package dev.wasmtck.internal.host.external;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import dev.wasmtck.engine.WasmConformanceEngine;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Declares Java adapters of this test classpath as external hosts, in files the tests pass to the kit. */
final class Adapters {
    private Adapters() {}

    /** Writes {@code <dir>/<id>.yaml} declaring {@code mainClass} (with {@code args}) as host {@code id}. */
    static Path declare(Path dir, String id, String grace, Class<?> mainClass, String... args) throws IOException {
        return declare(dir, id, "[wapc]", grace, mainClass, args);
    }

    /** As above, serving {@code abis} (a YAML list). */
    static Path declare(Path dir, String id, String abis, String grace, Class<?> mainClass, String... args)
            throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classpath, mainClass.getName()));
        command.addAll(List.of(args));
        StringBuilder yaml = new StringBuilder("format: 1\nid: " + id + "\nabis: " + abis + "\ngrace: " + grace + "\ncommand:\n");
        for (String part : command) {
            yaml.append("  - '").append(part.replace("'", "''")).append("'\n");
        }
        Path file = dir.resolve(id + ".yaml");
        Files.writeString(file, yaml);
        return file;
    }

    /**
     * Runs {@code file} on {@code host} (external hosts declared by {@code declared}, a comma list) with
     * known-failure lists off, and returns the cases that did not pass: case id to the cause of the
     * failure, without the case header, first line only.
     */
    static Map<String, String> failures(String host, String declared, String file) {
        Map<String, String> failed = new TreeMap<>();
        var kit = EngineTestKit.engine(WasmConformanceEngine.ENGINE_ID)
                .configurationParameter("wasm.conformance.hosts", host)
                .configurationParameter("wasm.conformance.known-failures.auto", "false")
                .configurationParameter(ExternalHosts.KEY, declared);
        for (Event e : kit.selectors(org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathResource(file))
                .execute().testEvents().finished().list()) {
            TestExecutionResult r = e.getRequiredPayload(TestExecutionResult.class);
            if (r.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                String id = e.getTestDescriptor().getUniqueId().getLastSegment().getValue();
                String message = r.getThrowable().map(Throwable::getMessage).orElse("");
                String cause = message.substring(message.indexOf("): ") + 3).lines().findFirst().orElse("");
                failed.put(id.replaceAll("\\[.*", ""), r.getStatus() + " " + cause);
            }
        }
        return failed;
    }
}
