package dev.wasmtck.internal.engine.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.wasmtck.internal.cases.CaseFileParser;
import dev.wasmtck.internal.engine.report.ConformanceReport.Result;
import dev.wasmtck.internal.engine.report.ConformanceReport.Status;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON report (docs/reports.md), written and read back with Jackson. Its head is each run's
 * {@link RunInfo}; its results are {@link Result}s; so a merged report reads back exactly what runs wrote.
 */
final class JsonReport {
    private JsonReport() {}

    static String render(ConformanceReport report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("report-format", ConformanceReport.REPORT_FORMAT);
        root.put("started", String.valueOf(report.started()));
        root.put("finished", String.valueOf(report.finished()));
        root.put("case-format", CaseFileParser.FORMAT_VERSION);
        SuiteManifest s = report.suite();
        root.put("suite", s == null ? null
                : new SuiteManifest(s.location(), s.name(), s.version(), new TreeMap<>(s.abis()), s.error()));
        root.put("hosts", List.copyOf(report.hosts().values()));
        root.put("known-failure-lists", report.lists());
        root.put("totals", report.totals());
        List<Map<String, Object>> matrix = new ArrayList<>();
        report.matrix().forEach((k, c) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("abi", k.get(0));
            row.put("toolchain", k.get(1));
            row.put("host", k.get(2));
            row.put("counts", c);
            matrix.add(row);
        });
        root.put("matrix", matrix);
        root.put("results", report.results());
        root.put("differences", report.differences().stream().map(JsonReport::difference).toList());
        try {
            return Json.MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the JSON report: " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> difference(HostDifferences.Row d) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", d.id());
        row.put("abi", d.abi());
        row.put("guest", d.guest());
        row.put("outcomes", d.byHost().values().stream().map(r -> {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("host", r.host());
            o.put("status", r.status());
            o.put("message", r.message());
            o.put("duration-ms", r.durationMs());
            return o;
        }).toList());
        return row;
    }

    /** Parsed reports ({@code names} name them in errors) as one report. */
    static ConformanceReport read(List<String> names, List<Map<String, Object>> parsed) {
        List<RunInfo> infos = new ArrayList<>();
        List<Result> results = new ArrayList<>();
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
            try {
                RunInfo head = Json.MAPPER.convertValue(json, RunInfo.class);
                infos.add(new RunInfo(head.caseFormat(), head.suite(), orEmpty(head.hosts()),
                        orEmpty(head.knownFailureLists()), null, null));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
            }
            if (json.get("results") instanceof List<?> items) {
                for (Object item : items) {
                    results.add(result(name, item));
                }
            }
            started = earliest(started, instant(json.get("started")));
            finished = latest(finished, instant(json.get("finished")));
        }
        return new ConformanceReport(infos, results, started, finished);
    }

    private static Result result(String report, Object item) {
        Map<?, ?> r = item instanceof Map<?, ?> m ? m : Map.of();
        Object status = r.get("status");
        try {
            Status.of(status == null ? null : status.toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(report + ": result " + r.get("id") + " has " + e.getMessage());
        }
        return Json.MAPPER.convertValue(r, Result.class);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static Instant instant(Object value) {
        try {
            return value == null ? null : Instant.parse(value.toString());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }
}
