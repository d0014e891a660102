package dev.wasmtck.engine.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Several runs' JSON reports (docs/reports.md) as one report: the same matrix, failure lines and
 * JSON and HTML a single run writes. Shards of one run, or runs of different hosts, merge into what
 * one run over all of them reports. Takes the reports as parsed JSON (maps, lists, strings,
 * numbers), so the kit needs no JSON library of its own.
 */
public final class Reports {
    private final ConformanceReport report;

    private Reports(ConformanceReport report) {
        this.report = report;
    }

    /** Merges parsed reports; {@code names} (same order) name them in errors. */
    public static Reports merge(List<String> names, List<Map<String, Object>> parsed) {
        List<RunInfo> infos = new ArrayList<>();
        List<ConformanceReport.Result> results = new ArrayList<>();
        Instant started = null;
        Instant finished = null;
        for (int i = 0; i < parsed.size(); i++) {
            Map<String, Object> json = parsed.get(i);
            String name = names.get(i);
            Object format = json.get("report-format");
            if (!(format instanceof Number n) || n.intValue() != ConformanceReport.REPORT_FORMAT) {
                throw new IllegalArgumentException(name + ": report-format " + format + "; this kit reads format "
                        + ConformanceReport.REPORT_FORMAT);
            }
            infos.add(info(json));
            for (Object item : list(json.get("results"))) {
                results.add(result(name, map(item)));
            }
            started = earliest(started, instant(json.get("started")));
            finished = latest(finished, instant(json.get("finished")));
        }
        return new Reports(new ConformanceReport(infos, results, started, finished));
    }

    public String text() {
        return report.text();
    }

    public String json() {
        return report.json();
    }

    public String html() {
        return report.html();
    }

    public int requiredFailed() {
        return report.totals().requiredFailed;
    }

    private static RunInfo info(Map<String, Object> json) {
        SuiteManifest suite = null;
        if (json.get("suite") instanceof Map<?, ?> s) {
            Map<String, String> abis = new LinkedHashMap<>();
            map(s.get("abis")).forEach((k, v) -> abis.put(k, String.valueOf(v)));
            suite = new SuiteManifest(string(s.get("manifest")), string(s.get("name")), string(s.get("version")), abis,
                    string(s.get("error")));
        }
        List<RunInfo.HostInfo> hosts = new ArrayList<>();
        for (Object h : list(json.get("hosts"))) {
            Map<String, Object> host = map(h);
            hosts.add(new RunInfo.HostInfo(string(host.get("id")), strings(host.get("abis")), strings(host.get("capabilities"))));
        }
        return new RunInfo(((Number) json.getOrDefault("case-format", 0)).intValue(), suite, hosts,
                List.copyOf(strings(json.get("known-failure-lists"))), null, true, null, null);
    }

    private static ConformanceReport.Result result(String report, Map<String, Object> r) {
        String status = string(r.get("status"));
        ConformanceReport.Status parsed;
        try {
            parsed = ConformanceReport.Status.valueOf(Objects.requireNonNull(status, "no status")
                    .toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(report + ": result " + r.get("id") + " has status " + status
                    + ", not one of passed, failed, skipped, aborted, known-failure");
        }
        Object line = r.get("line");
        return new ConformanceReport.Result(string(r.get("id")), string(r.get("name")), string(r.get("unique-id")),
                string(r.get("abi")), string(r.get("level")), string(r.get("host")), string(r.get("toolchain")),
                string(r.get("guest")), string(r.get("file")), line instanceof Number n ? n.intValue() : 0, parsed,
                string(r.get("message")), string(r.get("rerun")));
    }

    private static Instant instant(Object value) {
        try {
            return value == null ? null : Instant.parse(value.toString());
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }

    private static LinkedHashSet<String> strings(Object value) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        if (value instanceof Collection<?> c) {
            c.forEach(v -> out.add(String.valueOf(v)));
        }
        return out;
    }

    private static String string(Object value) {
        return value == null ? null : value.toString();
    }
}
