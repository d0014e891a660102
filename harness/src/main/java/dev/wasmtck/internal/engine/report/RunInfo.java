package dev.wasmtck.internal.engine.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.platform.engine.reporting.ReportEntry;

/**
 * What a run was: the case format, the suite manifest, the hosts with their ABIs and capabilities,
 * the known-failure lists, and the report settings. With the summary on, the engine publishes it as
 * a report entry on its own node when it starts; {@link SummaryListener} reads it back, since a launcher listener has no
 * other way to see the engine's hosts or the settings of a {@code @Suite} class. Its JSON form is the
 * head of the JSON report, so a merged report reads it back the same way.
 */
@JsonPropertyOrder({"case-format", "suite", "hosts", "known-failure-lists"})
public record RunInfo(@JsonProperty("case-format") int caseFormat, SuiteManifest suite, List<HostInfo> hosts,
        @JsonProperty("known-failure-lists") List<String> knownFailureLists,
        @JsonIgnore String reportDir, @JsonIgnore String rerunCommand) {
    public static final String DEFAULT_RERUN = "./mvnw -q -pl conformance-suite verify";
    /** Where a rerun command that has it takes the selection, instead of a trailing {@code -Dwasm.conformance.select}. */
    static final String SELECT_PLACEHOLDER = "{select}";
    private static final String KEY = "wasm-tck.run";
    private static final String REPORT_DIR = KEY + ".report-dir";
    private static final String RERUN_COMMAND = KEY + ".rerun-command";

    /** A host with its ABIs and capabilities, each sorted (so reports list them alike, however they were read). */
    @JsonPropertyOrder({"id", "abis", "capabilities"})
    public record HostInfo(String id, Set<String> abis, Set<String> capabilities) {
        public HostInfo {
            abis = sorted(abis);
            capabilities = sorted(capabilities);
        }

        private static Set<String> sorted(Set<String> values) {
            return Collections.unmodifiableSortedSet(values == null ? new TreeSet<>() : new TreeSet<>(values));
        }
    }

    /** This record as the report entry the engine publishes; the settings travel beside the JSON. */
    public ReportEntry entry() {
        try {
            Map<String, String> values = new LinkedHashMap<>();
            values.put(KEY, Json.MAPPER.writeValueAsString(this));
            if (reportDir != null) {
                values.put(REPORT_DIR, reportDir);
            }
            if (rerunCommand != null) {
                values.put(RERUN_COMMAND, rerunCommand);
            }
            return ReportEntry.from(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the run's description: " + e.getMessage(), e);
        }
    }

    /** The record an {@link #entry()} carries, else empty. */
    static Optional<RunInfo> from(ReportEntry entry) {
        Map<String, String> v = entry.getKeyValuePairs();
        if (!v.containsKey(KEY)) {
            return Optional.empty();
        }
        try {
            RunInfo head = Json.MAPPER.readValue(v.get(KEY), RunInfo.class);
            return Optional.of(new RunInfo(head.caseFormat, head.suite, head.hosts, head.knownFailureLists,
                    v.get(REPORT_DIR), v.get(RERUN_COMMAND)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read the run's description: " + e.getMessage(), e);
        }
    }

    /**
     * The command that reruns one test: the rerun command with {@code select} in its placeholder, or
     * followed by the selection (and {@code -Dtest=} the {@code @Suite} class, when there is one).
     */
    String rerun(String select, String suiteClass) {
        String command = rerunCommand == null ? DEFAULT_RERUN : rerunCommand;
        if (command.contains(SELECT_PLACEHOLDER)) {
            return command.replace(SELECT_PLACEHOLDER, select);
        }
        String test = suiteClass == null ? "" : " -Dtest=" + suiteClass.substring(suiteClass.lastIndexOf('.') + 1);
        return command + test + " -Dwasm.conformance.select='" + select + "'";
    }
}
