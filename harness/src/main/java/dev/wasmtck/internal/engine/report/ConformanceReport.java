package dev.wasmtck.internal.engine.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.wasmtck.internal.cases.CaseFileParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The results of one run (or of merged runs): the model the three formats render, the text matrix
 * ({@link TextReport}), the JSON report ({@link JsonReport}) and the HTML report ({@link HtmlReport}).
 * Counts are per ABI x toolchain x host; required failures are counted apart, because they are what
 * makes a host non-conforming.
 */
final class ConformanceReport {
    static final int REPORT_FORMAT = 1;

    enum Status {
        PASSED, FAILED, SKIPPED, ABORTED, KNOWN_FAILURE;

        @JsonValue
        String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** The status a {@link #label()} names. */
        @JsonCreator
        static Status of(String label) {
            for (Status s : values()) {
                if (s.label().equals(label)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("status " + label + ", not one of passed, failed, skipped, aborted, known-failure");
        }
    }

    /**
     * One test's outcome.
     *
     * @param id the stable case id ({@code file#case}), or the file / list for nodes that are not cases
     * @param level {@code required}, {@code optional}, or {@code -} for nodes that are not cases
     * @param rerun a command that reruns just this case on this target, or null
     * @param durationMs how long the test ran (0 when skipped, or when a merged report did not say)
     */
    @JsonPropertyOrder({"id", "name", "unique-id", "abi", "level", "host", "toolchain", "guest", "file", "line",
            "status", "message", "rerun", "duration-ms"})
    record Result(String id, String name, @JsonProperty("unique-id") String uniqueId, String abi, String level,
            String host, String toolchain, String guest, String file, int line, Status status, String message,
            String rerun, @JsonProperty("duration-ms") long durationMs) {

        boolean requiredFailure() {
            return status == Status.FAILED && !"optional".equals(level);
        }

        /** A case on a guest and a host (not a file, list or module node): what host differences compare. */
        boolean targetCase() {
            return !"-".equals(host) && !"-".equals(guest);
        }
    }

    /** Counts for one matrix row, plus required failures. */
    static final class Counts {
        private final int[] byStatus = new int[Status.values().length];
        private int requiredFailed;

        void add(Result r) {
            byStatus[r.status().ordinal()]++;
            if (r.requiredFailure()) {
                requiredFailed++;
            }
        }

        int get(Status s) {
            return byStatus[s.ordinal()];
        }

        int requiredFailed() {
            return requiredFailed;
        }

        /** The JSON form, in the report's field order. */
        @JsonValue
        Map<String, Integer> asMap() {
            Map<String, Integer> m = new LinkedHashMap<>();
            m.put("passed", get(Status.PASSED));
            m.put("failed", get(Status.FAILED));
            m.put("required-failed", requiredFailed);
            m.put("skipped", get(Status.SKIPPED));
            m.put("aborted", get(Status.ABORTED));
            m.put("known-failure", get(Status.KNOWN_FAILURE));
            return m;
        }
    }

    private final List<RunInfo> infos;
    private final List<Result> results;
    private final Instant started;
    private final Instant finished;

    ConformanceReport(List<RunInfo> infos, List<Result> results, Instant started, Instant finished) {
        this.infos = infos;
        this.results = results.stream().sorted(Comparator.comparing(Result::abi).thenComparing(Result::toolchain)
                .thenComparing(Result::host).thenComparing(Result::id).thenComparing(Result::guest)).toList();
        this.started = started;
        this.finished = finished;
    }

    List<Result> results() {
        return results;
    }

    Instant started() {
        return started;
    }

    Instant finished() {
        return finished;
    }

    /** Rows keyed abi, toolchain, host, in that order. */
    Map<List<String>, Counts> matrix() {
        Map<List<String>, Counts> rows = new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0))
                .thenComparing(k -> k.get(1)).thenComparing(k -> k.get(2)));
        for (Result r : results) {
            rows.computeIfAbsent(List.of(r.abi(), r.toolchain(), r.host()), k -> new Counts()).add(r);
        }
        return rows;
    }

    Counts totals() {
        Counts c = new Counts();
        results.forEach(c::add);
        return c;
    }

    /** The cases whose outcome is not the same on every host they ran on. */
    List<HostDifferences.Row> differences() {
        return HostDifferences.of(results);
    }

    SuiteManifest suite() {
        return infos.stream().map(RunInfo::suite).filter(s -> s != null).findFirst().orElse(null);
    }

    Map<String, RunInfo.HostInfo> hosts() {
        Map<String, RunInfo.HostInfo> hosts = new LinkedHashMap<>();
        infos.forEach(i -> i.hosts().forEach(h -> hosts.putIfAbsent(h.id(), h)));
        return hosts;
    }

    List<String> lists() {
        List<String> lists = new ArrayList<>();
        infos.forEach(i -> i.knownFailureLists().stream().filter(l -> !lists.contains(l)).forEach(lists::add));
        return lists;
    }

    String suiteLine() {
        SuiteManifest s = suite();
        String suite = s == null ? "no suite manifest"
                : s.error() != null ? "suite manifest unreadable: " + s.error()
                : "suite " + s.name() + " " + s.version() + " (" + s.location() + ")";
        return suite + ", case format " + CaseFileParser.FORMAT_VERSION;
    }

    /** The first line of a message ("" for none): failure lines stay one line each. */
    static String firstLine(String m) {
        if (m == null) {
            return "";
        }
        int nl = m.indexOf('\n');
        return nl >= 0 ? m.substring(0, nl) : m;
    }
}
