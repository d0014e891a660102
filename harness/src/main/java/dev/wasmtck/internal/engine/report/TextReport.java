package dev.wasmtck.internal.engine.report;

import dev.wasmtck.internal.engine.report.ConformanceReport.Counts;
import dev.wasmtck.internal.engine.report.ConformanceReport.Result;
import dev.wasmtck.internal.engine.report.ConformanceReport.Status;
import java.util.List;
import java.util.Map;

/**
 * The text the build log shows: the header (suite, hosts, known-failure lists), the matrix, the
 * host differences, then one line per failure with its rerun command, per known failure and per abort.
 */
final class TextReport {
    private TextReport() {}

    static String render(ConformanceReport report) {
        StringBuilder sb = new StringBuilder("wasm-tck results: ").append(report.suiteLine()).append('\n');
        report.hosts().values().forEach(h -> sb.append("host ").append(h.id()).append(": abis ").append(h.abis())
                .append(", capabilities ").append(h.capabilities()).append('\n'));
        report.lists().forEach(l -> sb.append("known-failure list: ").append(l).append('\n'));
        Map<List<String>, Counts> rows = report.matrix();
        int[] w = {5, 9, 4};
        rows.keySet().forEach(k -> {
            for (int i = 0; i < 3; i++) {
                w[i] = Math.max(w[i], k.get(i).length());
            }
        });
        String fmt = "%-" + w[0] + "s  %-" + w[1] + "s  %-" + w[2] + "s %7s %7s %9s %7s %7s %7s%n";
        sb.append(String.format(fmt, "ABI", "toolchain", "host", "passed", "failed", "required", "skipped", "aborted", "known"));
        rows.forEach((k, c) -> sb.append(row(fmt, k.get(0), k.get(1), k.get(2), c)));
        Counts t = report.totals();
        sb.append(row(fmt, "total", "", "", t));
        sb.append(t.requiredFailed() > 0 ? t.requiredFailed() + " REQUIRED case(s) failed\n" : "no required case failed\n");
        List<HostDifferences.Row> differences = report.differences();
        if (!differences.isEmpty()) {
            sb.append(differences.size()).append(" case(s) differ between hosts:\n");
            differences.forEach(d -> sb.append("  ").append(d.line()).append('\n'));
        }
        for (Result r : report.results()) {
            switch (r.status()) {
                case FAILED -> sb.append(r.requiredFailure() ? "FAILED (required) " : "FAILED (optional) ").append(r.name())
                        .append(": ").append(r.rerun() == null ? indent(r.message()) : ConformanceReport.firstLine(r.message()))
                        .append('\n').append(r.rerun() == null ? "" : "        rerun: " + r.rerun() + "\n");
                case ABORTED -> sb.append("ABORTED ").append(r.name()).append(": ")
                        .append(ConformanceReport.firstLine(r.message())).append('\n');
                case KNOWN_FAILURE -> sb.append("KNOWN   ").append(r.name()).append(": ")
                        .append(ConformanceReport.firstLine(r.message())).append('\n');
                default -> { }
            }
        }
        return sb.toString();
    }

    private static String row(String fmt, String abi, String toolchain, String host, Counts c) {
        return String.format(fmt, abi, toolchain, host, c.get(Status.PASSED), c.get(Status.FAILED), c.requiredFailed(),
                c.get(Status.SKIPPED), c.get(Status.ABORTED), c.get(Status.KNOWN_FAILURE));
    }

    /** Whole messages for nodes no command reruns (a known-failure list lists its problems on further lines). */
    private static String indent(String m) {
        return m == null ? "" : m.replace("\n", "\n        ");
    }
}
