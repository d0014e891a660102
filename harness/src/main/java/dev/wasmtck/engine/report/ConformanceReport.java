package dev.wasmtck.engine.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The results of one run, rendered three ways: the text matrix the build log shows, a JSON report
 * for tools and an HTML report for people (docs/reports.md describes the JSON). Counts are per ABI x
 * toolchain x host; required failures are counted apart, because they are what makes a host non-conforming.
 */
final class ConformanceReport {
    static final int REPORT_FORMAT = 1;

    enum Status {
        PASSED, FAILED, SKIPPED, ABORTED, KNOWN_FAILURE;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * One test's outcome.
     *
     * @param id the stable case id ({@code file#case}), or the file / list for nodes that are not cases
     * @param level {@code required}, {@code optional}, or {@code -} for nodes that are not cases
     * @param rerun a command that reruns just this case on this target, or null
     */
    record Result(String id, String name, String uniqueId, String abi, String level, String host, String toolchain,
            String guest, String file, int line, Status status, String message, String rerun) {

        boolean requiredFailure() {
            return status == Status.FAILED && !"optional".equals(level);
        }
    }

    /** Counts for one matrix row; index by {@link Status#ordinal()}, plus required failures. */
    static final class Counts {
        final int[] byStatus = new int[Status.values().length];
        int requiredFailed;

        void add(Result r) {
            byStatus[r.status().ordinal()]++;
            if (r.requiredFailure()) {
                requiredFailed++;
            }
        }

        int get(Status s) {
            return byStatus[s.ordinal()];
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

    private SuiteManifest suite() {
        return infos.stream().map(RunInfo::suite).filter(s -> s != null).findFirst().orElse(null);
    }

    private Map<String, RunInfo.HostInfo> hosts() {
        Map<String, RunInfo.HostInfo> hosts = new LinkedHashMap<>();
        infos.forEach(i -> i.hosts().forEach(h -> hosts.putIfAbsent(h.id(), h)));
        return hosts;
    }

    private List<String> lists() {
        List<String> lists = new ArrayList<>();
        infos.forEach(i -> i.knownFailureLists().stream().filter(l -> !lists.contains(l)).forEach(lists::add));
        return lists;
    }

    private String suiteLine() {
        SuiteManifest s = suite();
        String suite = s == null ? "no suite manifest"
                : s.error() != null ? "suite manifest unreadable: " + s.error()
                : "suite " + s.name() + " " + s.version() + " (" + s.location() + ")";
        return suite + ", case format " + dev.wasmtck.cases.CaseFileParser.FORMAT_VERSION;
    }

    // ---- text -------------------------------------------------------------------------------

    String text() {
        StringBuilder sb = new StringBuilder("wasm-tck results: ").append(suiteLine()).append('\n');
        hosts().values().forEach(h -> sb.append("host ").append(h.id()).append(": abis ").append(h.abis())
                .append(", capabilities ").append(h.capabilities()).append('\n'));
        lists().forEach(l -> sb.append("known-failure list: ").append(l).append('\n'));
        Map<List<String>, Counts> rows = matrix();
        int[] w = {5, 9, 4};
        rows.keySet().forEach(k -> {
            for (int i = 0; i < 3; i++) {
                w[i] = Math.max(w[i], k.get(i).length());
            }
        });
        String fmt = "%-" + w[0] + "s  %-" + w[1] + "s  %-" + w[2] + "s %7s %7s %9s %7s %7s %7s%n";
        sb.append(String.format(fmt, "ABI", "toolchain", "host", "passed", "failed", "required", "skipped", "aborted", "known"));
        rows.forEach((k, c) -> sb.append(row(fmt, k.get(0), k.get(1), k.get(2), c)));
        sb.append(row(fmt, "total", "", "", totals()));
        Counts t = totals();
        sb.append(t.requiredFailed > 0 ? t.requiredFailed + " REQUIRED case(s) failed\n"
                : "no required case failed\n");
        for (Result r : results) {
            switch (r.status()) {
                case FAILED -> sb.append(r.requiredFailure() ? "FAILED (required) " : "FAILED (optional) ").append(r.name())
                        .append(": ").append(r.rerun() == null ? indent(r.message()) : firstLine(r.message())).append('\n')
                        .append(r.rerun() == null ? "" : "        rerun: " + r.rerun() + "\n");
                case ABORTED -> sb.append("ABORTED ").append(r.name()).append(": ").append(firstLine(r.message())).append('\n');
                case KNOWN_FAILURE -> sb.append("KNOWN   ").append(r.name()).append(": ").append(firstLine(r.message())).append('\n');
                default -> { }
            }
        }
        return sb.toString();
    }

    private static String row(String fmt, String abi, String toolchain, String host, Counts c) {
        return String.format(fmt, abi, toolchain, host, c.get(Status.PASSED), c.get(Status.FAILED), c.requiredFailed,
                c.get(Status.SKIPPED), c.get(Status.ABORTED), c.get(Status.KNOWN_FAILURE));
    }

    /** Whole messages for nodes no command reruns (a known-failure list lists its problems on further lines). */
    private static String indent(String m) {
        return m == null ? "" : m.replace("\n", "\n        ");
    }

    static String firstLine(String m) {
        if (m == null) {
            return "";
        }
        int nl = m.indexOf('\n');
        return nl >= 0 ? m.substring(0, nl) : m;
    }

    // ---- JSON -------------------------------------------------------------------------------

    String json() {
        StringBuilder sb = new StringBuilder("{\n");
        sb.append("  \"report-format\": ").append(REPORT_FORMAT).append(",\n");
        sb.append("  \"started\": ").append(str(String.valueOf(started))).append(",\n");
        sb.append("  \"finished\": ").append(str(String.valueOf(finished))).append(",\n");
        sb.append("  \"case-format\": ").append(dev.wasmtck.cases.CaseFileParser.FORMAT_VERSION).append(",\n");
        SuiteManifest s = suite();
        if (s == null) {
            sb.append("  \"suite\": null,\n");
        } else {
            sb.append("  \"suite\": {\"manifest\": ").append(str(s.location())).append(", \"name\": ").append(str(s.name()))
                    .append(", \"version\": ").append(str(s.version())).append(", \"error\": ").append(str(s.error()))
                    .append(", \"abis\": {");
            List<String> abis = new ArrayList<>();
            new TreeMap<>(s.abis()).forEach((k, v) -> abis.add(str(k) + ": " + str(v)));
            sb.append(String.join(", ", abis)).append("}},\n");
        }
        List<String> hosts = new ArrayList<>();
        hosts().values().forEach(h -> hosts.add("{\"id\": " + str(h.id()) + ", \"abis\": " + strs(h.abis())
                + ", \"capabilities\": " + strs(h.capabilities()) + "}"));
        sb.append("  \"hosts\": [").append(String.join(", ", hosts)).append("],\n");
        sb.append("  \"known-failure-lists\": ").append(strs(lists())).append(",\n");
        sb.append("  \"totals\": ").append(counts(totals())).append(",\n");
        List<String> rows = new ArrayList<>();
        matrix().forEach((k, c) -> rows.add("    {\"abi\": " + str(k.get(0)) + ", \"toolchain\": " + str(k.get(1))
                + ", \"host\": " + str(k.get(2)) + ", \"counts\": " + counts(c) + "}"));
        sb.append("  \"matrix\": [\n").append(String.join(",\n", rows)).append("\n  ],\n");
        List<String> items = new ArrayList<>();
        for (Result r : results) {
            items.add("    {\"id\": " + str(r.id()) + ", \"name\": " + str(r.name()) + ", \"unique-id\": " + str(r.uniqueId())
                    + ", \"abi\": " + str(r.abi()) + ", \"level\": " + str(r.level()) + ", \"host\": " + str(r.host())
                    + ", \"toolchain\": " + str(r.toolchain()) + ", \"guest\": " + str(r.guest())
                    + ", \"file\": " + str(r.file()) + ", \"line\": " + r.line() + ", \"status\": " + str(r.status().label())
                    + ", \"message\": " + str(r.message()) + ", \"rerun\": " + str(r.rerun()) + "}");
        }
        sb.append("  \"results\": [\n").append(String.join(",\n", items)).append("\n  ]\n}\n");
        return sb.toString();
    }

    private static String counts(Counts c) {
        return "{\"passed\": " + c.get(Status.PASSED) + ", \"failed\": " + c.get(Status.FAILED) + ", \"required-failed\": "
                + c.requiredFailed + ", \"skipped\": " + c.get(Status.SKIPPED) + ", \"aborted\": " + c.get(Status.ABORTED)
                + ", \"known-failure\": " + c.get(Status.KNOWN_FAILURE) + "}";
    }

    private static String strs(java.util.Collection<String> values) {
        return "[" + String.join(", ", values.stream().map(ConformanceReport::str).toList()) + "]";
    }

    static String str(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    // ---- HTML -------------------------------------------------------------------------------

    String html() {
        Counts t = totals();
        StringBuilder sb = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>wasm-tck conformance report</title>
                <style>
                body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
                table{border-collapse:collapse;margin:.5em 0 1.5em}
                th,td{border:1px solid #ccc;padding:.2em .6em;text-align:left;vertical-align:top}
                td.n{text-align:right}
                .passed{color:#176b1f}.failed{color:#b00020;font-weight:bold}.known-failure{color:#8a5a00}
                .skipped,.aborted{color:#666}
                tr.bad td{background:#fdecee}
                pre{white-space:pre-wrap;margin:.2em 0;font-size:12px}
                code{background:#f3f3f3;padding:0 .2em}
                details{margin:.3em 0 1em}
                </style></head><body>
                <h1>wasm-tck conformance report</h1>
                """);
        sb.append("<p>").append(esc(suiteLine())).append("<br>run ").append(esc(String.valueOf(started)))
                .append(" to ").append(esc(String.valueOf(finished))).append("</p>\n");
        sb.append("<p class=\"").append(t.requiredFailed > 0 ? "failed" : "passed").append("\">")
                .append(t.requiredFailed > 0 ? t.requiredFailed + " required case(s) failed" : "No required case failed")
                .append(": ").append(t.get(Status.PASSED)).append(" passed, ").append(t.get(Status.FAILED)).append(" failed, ")
                .append(t.get(Status.SKIPPED)).append(" skipped, ").append(t.get(Status.ABORTED)).append(" aborted, ")
                .append(t.get(Status.KNOWN_FAILURE)).append(" known failures.</p>\n");
        sb.append("<h2>Hosts</h2><table><tr><th>host</th><th>ABIs</th><th>capabilities</th></tr>\n");
        hosts().values().forEach(h -> sb.append("<tr><td>").append(esc(h.id())).append("</td><td>")
                .append(esc(String.join(", ", h.abis()))).append("</td><td>").append(esc(String.join(", ", h.capabilities())))
                .append("</td></tr>\n"));
        sb.append("</table>\n");
        if (!lists().isEmpty()) {
            sb.append("<p>Known-failure lists: ").append(esc(String.join(", ", lists()))).append("</p>\n");
        }
        sb.append("<h2>Matrix</h2><table><tr><th>ABI</th><th>toolchain</th><th>host</th><th>passed</th><th>failed</th>"
                + "<th>of which required</th><th>skipped</th><th>aborted</th><th>known failures</th></tr>\n");
        matrix().forEach((k, c) -> sb.append("<tr").append(c.requiredFailed > 0 ? " class=\"bad\"" : "").append("><td>")
                .append(esc(k.get(0))).append("</td><td>").append(esc(k.get(1))).append("</td><td>").append(esc(k.get(2)))
                .append("</td>").append(countCells(c)).append("</tr>\n"));
        sb.append("<tr><th colspan=\"3\">total</th>").append(countCells(t)).append("</tr></table>\n");
        String group = null;
        for (Result r : results) {
            String g = r.abi() + " \u00b7 " + r.toolchain() + " \u00b7 " + r.host();
            if (!g.equals(group)) {
                sb.append(group == null ? "" : "</table></details>\n");
                Counts c = matrix().get(List.of(r.abi(), r.toolchain(), r.host()));
                boolean open = c.get(Status.FAILED) > 0;
                sb.append("<details").append(open ? " open" : "").append("><summary><b>").append(esc(g)).append("</b>: ")
                        .append(c.get(Status.PASSED)).append(" passed, ").append(c.get(Status.FAILED)).append(" failed")
                        .append("</summary>\n<table><tr><th>case</th><th>guest</th><th>level</th><th>status</th><th>details</th></tr>\n");
                group = g;
            }
            sb.append("<tr").append(r.status() == Status.FAILED ? " class=\"bad\"" : "").append("><td>").append(esc(r.id()))
                    .append(r.file() == null ? "" : "<br><small>" + esc(r.file()) + (r.line() > 0 ? ":" + r.line() : "") + "</small>")
                    .append("</td><td>").append(esc(r.guest())).append("</td><td>").append(esc(r.level()))
                    .append("</td><td class=\"").append(r.status().label()).append("\">").append(r.status().label()).append("</td><td>");
            if (r.status() != Status.PASSED && r.message() != null) {
                sb.append("<pre>").append(esc(r.message())).append("</pre>");
            }
            if (r.status() == Status.FAILED && r.rerun() != null) {
                sb.append("rerun: <code>").append(esc(r.rerun())).append("</code>");
            }
            sb.append("</td></tr>\n");
        }
        if (group != null) {
            sb.append("</table></details>\n");
        }
        return sb.append("</body></html>\n").toString();
    }

    private static String countCells(Counts c) {
        return "<td class=\"n\">" + c.get(Status.PASSED) + "</td><td class=\"n\">" + c.get(Status.FAILED) + "</td><td class=\"n\">"
                + c.requiredFailed + "</td><td class=\"n\">" + c.get(Status.SKIPPED) + "</td><td class=\"n\">"
                + c.get(Status.ABORTED) + "</td><td class=\"n\">" + c.get(Status.KNOWN_FAILURE) + "</td>";
    }

    private static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
