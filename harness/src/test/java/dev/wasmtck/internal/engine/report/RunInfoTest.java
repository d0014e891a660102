package dev.wasmtck.internal.engine.report;

import dev.wasmtck.internal.engine.report.SuiteManifest;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.reporting.ReportEntry;

/** The typed data the engine publishes comes back from its report entries as it went in. */
class RunInfoTest {

    @Test
    void aRunInfoSurvivesItsReportEntryWithHostsListedSorted() {
        var caps = new LinkedHashSet<>(List.of("wapc.concurrent", "async-bridge.fixed-offset", "timeout"));
        RunInfo info = new RunInfo(1, new SuiteManifest("conformance/suite.yaml", "suite", "0.3.0",
                Map.of("wapc", "waPC cases", "async-bridge", "bridge cases"), null),
                List.of(new RunInfo.HostInfo("chicory", new LinkedHashSet<>(List.of("wasm-exec", "async-bridge", "wapc")), caps)),
                List.of("known-failures/chicory.yaml"), "target/x", "ci/conformance --select '{select}'");
        RunInfo back = RunInfo.from(info.entry()).orElseThrow();
        assertThat(back).isEqualTo(info);
        assertThat(back.hosts().get(0).abis()).containsExactly("async-bridge", "wapc", "wasm-exec");
        assertThat(back.hosts().get(0).capabilities()).containsExactly("async-bridge.fixed-offset", "timeout", "wapc.concurrent");
        assertThat(back.rerun("wapc/errors#x[c/echo on chicory]", "dev.Suite"))
                .isEqualTo("ci/conformance --select 'wapc/errors#x[c/echo on chicory]'");
        assertThat(RunInfo.from(ReportEntry.from("note", "something else"))).isEmpty();
    }

    @Test
    void aTargetInfoSurvivesItsReportEntryAndAbsentPartsStayAbsent() {
        TargetInfo info = new TargetInfo("wapc/errors#x", "wapc", "required", "chicory", "go toolchain with spaces",
                "go/echo@go1.19", "wapc/errors#x[go/echo@go1.19 on chicory]");
        var back = TargetInfo.from(info.entry("[engine:wasm-conformance]/[file:x]")).orElseThrow();
        assertThat(back.getKey()).isEqualTo("[engine:wasm-conformance]/[file:x]");
        assertThat(back.getValue()).isEqualTo(info);
        TargetInfo list = new TargetInfo("kf/x.yaml", "known-failures", null, null, null, null, null);
        assertThat(TargetInfo.from(list.entry("u")).orElseThrow().getValue()).isEqualTo(list);
    }
}
