package dev.wasmtck.internal.engine.report;

import dev.wasmtck.engine.WasmConformanceEngine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathResource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.testkit.engine.EngineTestKit;

/** The summary matrix, the JSON and HTML reports, and rerun commands that select exactly their case. */
class ReportTest {
    private static final Pattern SELECT = Pattern.compile("-Dwasm\\.conformance\\.select='([^']*)'");
    private static final DiscoverySelector[] SELECTORS = {selectClasspathResource("engine/tck/levels.yaml"),
            selectClasspathResource("engine/tck/known.yaml"), selectClasspathResource("engine/more/two-guests.yaml")};

    private static String run(Path reportDir) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        SummaryListener listener = new SummaryListener(new PrintStream(buf, true, StandardCharsets.UTF_8));
        var launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false).addTestExecutionListeners(listener).build());
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(SELECTORS)
                .filters(EngineFilter.includeEngines(WasmConformanceEngine.ENGINE_ID))
                .configurationParameter("wasm.conformance.hosts", "fake")
                .configurationParameter("wasm.conformance.summary", "true")
                .configurationParameter("wasm.conformance.report.dir", reportDir.toString())
                .configurationParameter("wasm.conformance.known-failures", "classpath:kf/fake.yaml")
                .build());
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theSummaryPrintsTheMatrixWithRequiredFailuresApartAndOneRerunPerFailure(@TempDir Path dir) {
        String out = run(dir);
        assertThat(out).contains("wasm-tck results: no suite manifest, case format 1")
                .contains("host fake: abis [fake], capabilities [fake.scripts, timeout]")
                .contains("known-failure list: kf/fake.yaml");
        // levels: 3 passed, 2 failed (1 required), 1 skipped; known: 4 failed (required), 1 known; two-guests: 2 passed.
        assertThat(out).containsPattern("\\nfake\\s+prebuilt\\s+fake\\s+5\\s+6\\s+5\\s+1\\s+0\\s+1\\n");
        assertThat(out).contains("6 REQUIRED case(s) failed\n");
        assertThat(out).containsPattern("\\nknown-failures\\s+-\\s+-\\s+0\\s+1\\s+1\\s+0\\s+0\\s+0\\n")
                .contains("FAILED (required) kf/fake.yaml (known-failure list): 4 problems in the known-failure list:\n"
                        + "          kf/fake.yaml:20: tck/known#no-such-case names no case of engine/tck/known.yaml\n");
        assertThat(out).contains("FAILED (optional) tck/levels \u203a optional-fails [../fake.wasm on fake]");
        assertThat(out).contains("FAILED (required) tck/levels \u203a required-fails [../fake.wasm on fake]");
        assertThat(out).contains("KNOWN   tck/known \u203a listed-fails [../fake.wasm on fake]: known failure (kf/fake.yaml:5)");
        assertThat(out).contains("        rerun: ./mvnw -q -pl conformance-suite verify "
                + "-Dwasm.conformance.select='tck/levels#required-fails[../fake.wasm on fake]'");
        assertThat(out).contains("reports: " + dir.resolve("conformance-report.json"), dir.resolve("conformance-report.html").toString());
    }

    @Test
    void theJsonReportIsValidAndCarriesEveryResult(@TempDir Path dir) throws IOException {
        run(dir);
        JsonNode json = new ObjectMapper().readTree(dir.resolve("conformance-report.json").toFile());
        assertThat(json.get("report-format").asInt()).isEqualTo(1);
        assertThat(json.get("case-format").asInt()).isEqualTo(1);
        assertThat(json.get("hosts").get(0).get("capabilities").toString()).isEqualTo("[\"fake.scripts\",\"timeout\"]");
        assertThat(json.get("totals").toString()).isEqualTo(
                "{\"passed\":5,\"failed\":7,\"required-failed\":6,\"skipped\":1,\"aborted\":0,\"known-failure\":1}");
        JsonNode known = find(json, "tck/known#listed-fails");
        assertThat(known.get("status").asText()).isEqualTo("known-failure");
        assertThat(known.get("level").asText()).isEqualTo("required");
        assertThat(known.get("toolchain").asText()).isEqualTo("prebuilt");
        assertThat(known.get("guest").asText()).isEqualTo("../fake.wasm");
        assertThat(known.get("file").asText()).isEqualTo("engine/tck/known.yaml");
        assertThat(known.get("line").asInt()).isEqualTo(5);
        assertThat(find(json, "tck/levels#optional-fails").get("level").asText()).isEqualTo("optional");
        assertThat(find(json, "kf/fake.yaml").get("status").asText()).isEqualTo("failed");
        String html = Files.readString(dir.resolve("conformance-report.html"));
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<h2>Matrix</h2>")
                .contains("rerun: <code>./mvnw -q -pl conformance-suite verify -Dwasm.conformance.select='")
                .doesNotContain("<script");
    }

    @Test
    void aSkippedCaseStillCarriesItsTargetAndRunCasesTheirDuration(@TempDir Path dir) throws IOException {
        run(dir);
        JsonNode json = new ObjectMapper().readTree(dir.resolve("conformance-report.json").toFile());
        // Skipped nodes never start: their descriptor's typed data reaches the report through the parent.
        JsonNode skipped = find(json, "tck/levels#needs-what-no-host-has");
        assertThat(skipped.get("status").asText()).isEqualTo("skipped");
        assertThat(List.of(skipped.get("host").asText(), skipped.get("toolchain").asText(), skipped.get("guest").asText(),
                skipped.get("level").asText())).containsExactly("fake", "prebuilt", "../fake.wasm", "optional");
        assertThat(skipped.get("duration-ms").asLong()).isZero();
        for (JsonNode r : json.get("results")) {
            assertThat(r.get("duration-ms").asLong()).as(r.get("id").asText()).isNotNegative();
        }
        assertThat(json.get("differences")).isEmpty();
    }

    @Test
    void everyRerunCommandSelectsExactlyItsCase(@TempDir Path dir) throws IOException {
        run(dir);
        JsonNode json = new ObjectMapper().readTree(dir.resolve("conformance-report.json").toFile());
        List<String> checked = new ArrayList<>();
        for (JsonNode r : json.get("results")) {
            if (r.get("rerun").isNull()) {
                continue;
            }
            Matcher m = SELECT.matcher(r.get("rerun").asText());
            assertThat(m.find()).as(r.get("rerun").asText()).isTrue();
            TestDescriptor root = EngineTestKit.engine(WasmConformanceEngine.ENGINE_ID)
                    .configurationParameter("wasm.conformance.hosts", "fake")
                    .configurationParameter("wasm.conformance.select", m.group(1))
                    .selectors(SELECTORS).discover().getEngineDescriptor();
            List<String> names = root.getDescendants().stream().filter(TestDescriptor::isTest)
                    .map(TestDescriptor::getDisplayName).toList();
            assertThat(names).as(m.group(1)).containsExactly(r.get("name").asText());
            checked.add(m.group(1));
        }
        assertThat(checked).hasSize(13).contains("more/two-guests#echo[../fake-copy.wasm on fake]");
    }

    @Test
    void testsPublishTheirTargetAsReportEntriesOnlyWhenTheRunWritesReports() {
        for (boolean summary : new boolean[] {false, true}) {
            var events = EngineTestKit.engine(WasmConformanceEngine.ENGINE_ID)
                    .configurationParameter("wasm.conformance.hosts", "fake")
                    .configurationParameter("wasm.conformance.summary", String.valueOf(summary))
                    .selectors(SELECTORS).execute().allEvents().reportingEntryPublished().stream()
                    .map(e -> e.getRequiredPayload(org.junit.platform.engine.reporting.ReportEntry.class).getKeyValuePairs())
                    .filter(m -> m.keySet().stream().anyMatch(k -> k.startsWith("wasm-tck."))).toList();
            if (!summary) {
                assertThat(events).isEmpty();
                continue;
            }
            assertThat(events).filteredOn(m -> m.containsKey("wasm-tck.run")).hasSize(1);
            assertThat(events).anySatisfy(m -> assertThat(m).containsEntry("wasm-tck.id", "tck/levels#required-fails")
                    .containsEntry("wasm-tck.level", "required").containsEntry("wasm-tck.host", "fake")
                    .containsEntry("wasm-tck.select", "tck/levels#required-fails[../fake.wasm on fake]"));
        }
    }

    /** Run through {@code @Suite}, as in the conformance-suite module: settings on the class reach the reports. */
    @org.junit.platform.suite.api.Suite
    @org.junit.platform.suite.api.IncludeEngines("wasm-conformance")
    @org.junit.platform.suite.api.SelectClasspathResource("engine/tck/levels.yaml")
    @org.junit.platform.suite.api.ConfigurationParameter(key = "wasm.conformance.hosts", value = "fake")
    @org.junit.platform.suite.api.ConfigurationParameter(key = "wasm.conformance.summary", value = "true")
    @org.junit.platform.suite.api.ConfigurationParameter(key = "wasm.conformance.report.dir", value = "target/report-suite-fixture")
    static class SuiteFixture {}

    @Test
    void underSuiteTheSuiteClassSettingsApplyAndRerunsNameTheSuiteClass() throws IOException {
        Path dir = Path.of("target/report-suite-fixture");
        Files.deleteIfExists(dir.resolve("conformance-report.json"));
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        SummaryListener listener = new SummaryListener(new PrintStream(buf, true, StandardCharsets.UTF_8));
        var launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false).addTestExecutionListeners(listener).build());
        launcher.execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(org.junit.platform.engine.discovery.DiscoverySelectors.selectClass(SuiteFixture.class))
                .filters(EngineFilter.includeEngines("junit-platform-suite")).build());
        String out = buf.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("rerun: ./mvnw -q -pl conformance-suite verify -Dtest=ReportTest$SuiteFixture "
                + "-Dwasm.conformance.select='tck/levels#required-fails[../fake.wasm on fake]'");
        assertThat(dir.resolve("conformance-report.json")).exists();
    }

    private static JsonNode find(JsonNode json, String id) {
        for (JsonNode r : json.get("results")) {
            if (r.get("id").asText().equals(id)) {
                return r;
            }
        }
        throw new AssertionError("no result " + id);
    }
}
