package dev.wasmtck.internal.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmtck.internal.engine.report.ConformanceReport.Result;
import dev.wasmtck.internal.engine.report.ConformanceReport.Status;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The host-difference model: which cases make a row, and what each row holds. */
class HostDifferencesTest {

    static Result result(String id, String guest, String host, Status status, String message, long ms) {
        return new Result(id, id + " [" + guest + " on " + host + "]", "[engine:x]/" + id + "/" + host, "wapc", "required",
                host, "go", guest, "conformance/wapc/ops.yaml", 3, status, message, "rerun " + id, ms);
    }

    /** Three hosts, five cases: two differ (one through a known failure), one agrees, two did not run elsewhere. */
    static List<Result> results() {
        return List.of(
                result("wapc/ops#echo", "go/echo", "chicory", Status.PASSED, null, 10),
                result("wapc/ops#echo", "go/echo", "graalwasm", Status.FAILED, "boom: wrong bytes\nsecond line", 30),
                result("wapc/ops#echo", "go/echo", "wapc-go", Status.KNOWN_FAILURE, "known failure (wapc-go.yaml:3)", 20),
                result("wapc/ops#abort", "go/echo", "chicory", Status.FAILED, "trap", 5),
                result("wapc/ops#abort", "go/echo", "graalwasm", Status.PASSED, null, 50),
                result("wapc/ops#same", "go/echo", "chicory", Status.PASSED, null, 1),
                result("wapc/ops#same", "go/echo", "graalwasm", Status.PASSED, null, 2),
                result("wapc/ops#caps", "go/echo", "chicory", Status.PASSED, null, 1),
                result("wapc/ops#caps", "go/echo", "graalwasm", Status.SKIPPED, "lacks capability", 0),
                result("wapc/ops#unbuilt", "go/echo", "chicory", Status.PASSED, null, 1),
                result("wapc/ops#unbuilt", "go/echo", "graalwasm", Status.ABORTED, "no Docker", 0),
                // The same case on another guest agrees: a row is per case and guest.
                result("wapc/ops#abort", "c/echo", "chicory", Status.PASSED, null, 1),
                result("wapc/ops#abort", "c/echo", "graalwasm", Status.PASSED, null, 1),
                // Nodes that are not a case on a target never make a row.
                new Result("kf/x.yaml", "kf/x.yaml (known-failure list)", "[engine:x]/kf", "known-failures", "-", "-", "-",
                        "-", null, 0, Status.FAILED, "stale", null, 0));
    }

    @Test
    void aRowForEachCaseAndGuestWhoseOutcomeDiffersAmongTheHostsItRanOn() {
        List<HostDifferences.Row> rows = HostDifferences.of(results());
        assertThat(rows).extracting(HostDifferences.Row::id).containsExactly("wapc/ops#abort", "wapc/ops#echo");
        HostDifferences.Row echo = rows.get(1);
        assertThat(echo.guest()).isEqualTo("go/echo");
        assertThat(echo.abi()).isEqualTo("wapc");
        assertThat(echo.byHost().keySet()).containsExactly("chicory", "graalwasm", "wapc-go");
        assertThat(echo.byHost().get("graalwasm").durationMs()).isEqualTo(30);
        assertThat(echo.line()).isEqualTo("wapc/ops#echo [go/echo]: chicory passed | graalwasm failed (boom: wrong bytes)"
                + " | wapc-go known-failure (known failure (wapc-go.yaml:3))");
        HostDifferences.Row longMessage = HostDifferences.of(List.of(result("a#b", "g", "h1", Status.PASSED, null, 1),
                result("a#b", "g", "h2", Status.FAILED, "x".repeat(200), 1))).get(0);
        assertThat(longMessage.line()).isEqualTo("a#b [g]: h1 passed | h2 failed (" + "x".repeat(77) + "...)");
        assertThat(HostDifferences.hosts(rows)).containsExactly("chicory", "graalwasm", "wapc-go");
    }

    @Test
    void theSummaryAndTheJsonReportShowTheDifferences() throws Exception {
        ConformanceReport report = new ConformanceReport(List.of(), results(), Instant.EPOCH, Instant.EPOCH);
        assertThat(TextReport.render(report)).contains("2 case(s) differ between hosts:\n"
                + "  wapc/ops#abort [go/echo]: chicory failed (trap) | graalwasm passed\n"
                + "  wapc/ops#echo [go/echo]: chicory passed | graalwasm failed (boom: wrong bytes) | wapc-go known-failure");
        var json = Json.MAPPER.readTree(JsonReport.render(report));
        assertThat(json.get("differences")).hasSize(2);
        var echo = json.get("differences").get(1);
        assertThat(echo.get("id").asText()).isEqualTo("wapc/ops#echo");
        assertThat(echo.get("outcomes").get(1).toString()).isEqualTo(
                "{\"host\":\"graalwasm\",\"status\":\"failed\",\"message\":\"boom: wrong bytes\\nsecond line\",\"duration-ms\":30}");
        List<Long> durations = new java.util.ArrayList<>();
        json.get("results").forEach(r -> durations.add(r.get("duration-ms").asLong()));
        assertThat(durations).containsExactlyInAnyOrder(0L, 1L, 1L, 1L, 1L, 2L, 5L, 10L, 20L, 30L, 50L, 0L, 1L, 0L);
    }

    @Test
    void noDifferencesNoSectionAndNoScript() {
        ConformanceReport report = new ConformanceReport(List.of(), results().subList(5, 11), Instant.EPOCH, Instant.EPOCH);
        assertThat(HostDifferences.of(report.results())).isEmpty();
        assertThat(TextReport.render(report)).doesNotContain("differ between hosts");
        assertThat(HtmlReport.render(report)).doesNotContain("Host differences").doesNotContain("<script");
    }
}
