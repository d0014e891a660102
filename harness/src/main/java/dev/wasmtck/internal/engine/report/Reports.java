package dev.wasmtck.internal.engine.report;

import java.util.List;
import java.util.Map;

/**
 * Several runs' JSON reports (docs/reports.md) as one report: the same matrix, failure lines,
 * host differences and JSON and HTML a single run writes. Shards of one run, or runs of different
 * hosts, merge into what one run over all of them reports. Takes the reports as parsed JSON (maps,
 * lists, strings, numbers).
 */
public final class Reports {
    private final ConformanceReport report;

    private Reports(ConformanceReport report) {
        this.report = report;
    }

    /** Merges parsed reports; {@code names} (same order) name them in errors. */
    public static Reports merge(List<String> names, List<Map<String, Object>> parsed) {
        return new Reports(JsonReport.read(names, parsed));
    }

    public String text() {
        return TextReport.render(report);
    }

    public String json() {
        return JsonReport.render(report);
    }

    public String html() {
        return HtmlReport.render(report);
    }

    public int requiredFailed() {
        return report.totals().requiredFailed();
    }
}
