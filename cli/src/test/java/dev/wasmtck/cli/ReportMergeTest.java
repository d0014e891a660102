package dev.wasmtck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wasm-tck report merge} of two different runs, and of files that are not reports. */
class ReportMergeTest {
    @TempDir
    Path dir;

    @Test
    void twoGuestsChecksMergeIntoOneMatrixCountingBoth() throws Exception {
        Path good = WasmTckProcess.guest("wapc-echo.wasm", dir);
        Path bad = WasmTckProcess.guest("wapc-trapping.wasm", dir);
        assertThat(WasmTckProcess.run(dir, Map.of(), "check", good.toString(), "--abi", "wapc", "--report-dir", "good").exit()).isZero();
        assertThat(WasmTckProcess.run(dir, Map.of(), "check", bad.toString(), "--abi", "wapc", "--report-dir", "bad").exit()).isEqualTo(1);
        var merged = WasmTckProcess.run(dir, Map.of(), "report", "merge", "good/conformance-report.json",
                "bad/conformance-report.json", "--report-dir", "merged");
        assertThat(merged.exit()).as(merged.toString()).isEqualTo(1);
        // 4 rules and 3 profile cases per guest; the trapping guest fails the three profile cases.
        assertThat(merged.matrix()).containsPattern("wapc\\s+-\\s+-\\s+8\\s+0")
                .containsPattern("wapc\\s+prebuilt\\s+chicory\\s+3\\s+3\\s+3")
                .containsPattern("total\\s+11\\s+3\\s+3\\s+0\\s+0\\s+0")
                .contains("rerun: wasm-tck check " + bad);
        assertThat(dir.resolve("merged/conformance-report.html")).exists();
    }

    @Test
    void aFileThatIsNotAReportIsBadUsage() throws Exception {
        Files.writeString(dir.resolve("notes.json"), "not json");
        var r = WasmTckProcess.run(dir, Map.of(), "report", "merge", "notes.json");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("notes.json: not a readable JSON report");
        Files.writeString(dir.resolve("other.json"), "{\"report-format\": 99}");
        var other = WasmTckProcess.run(dir, Map.of(), "report", "merge", "other.json");
        assertThat(other.exit()).isEqualTo(2);
        assertThat(other.err()).contains("other.json: report-format 99; this kit reads format 1");
    }
}
