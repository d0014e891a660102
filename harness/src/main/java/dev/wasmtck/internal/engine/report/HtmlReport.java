package dev.wasmtck.internal.engine.report;

import dev.wasmtck.internal.engine.report.ConformanceReport.Counts;
import dev.wasmtck.internal.engine.report.ConformanceReport.Result;
import dev.wasmtck.internal.engine.report.ConformanceReport.Status;
import java.util.List;

/**
 * The HTML report for people: one self-contained file (inline CSS, nothing external). Totals, hosts,
 * the matrix, the host differences, then one collapsible section per ABI x toolchain x host. Only
 * the host-difference table has a script (sorting and filtering, kept in the page's URL hash so a
 * view can be shared), and only when there are differences.
 */
final class HtmlReport {
    private HtmlReport() {}

    static String render(ConformanceReport report) {
        Counts t = report.totals();
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
                #differences th{cursor:pointer}
                #differences th[aria-sort=ascending]::after{content:" \\25b2"}
                #differences th[aria-sort=descending]::after{content:" \\25bc"}
                </style></head><body>
                <h1>wasm-tck conformance report</h1>
                """);
        sb.append("<p>").append(esc(report.suiteLine())).append("<br>run ").append(esc(String.valueOf(report.started())))
                .append(" to ").append(esc(String.valueOf(report.finished()))).append("</p>\n");
        sb.append("<p class=\"").append(t.requiredFailed() > 0 ? "failed" : "passed").append("\">")
                .append(t.requiredFailed() > 0 ? t.requiredFailed() + " required case(s) failed" : "No required case failed")
                .append(": ").append(t.get(Status.PASSED)).append(" passed, ").append(t.get(Status.FAILED)).append(" failed, ")
                .append(t.get(Status.SKIPPED)).append(" skipped, ").append(t.get(Status.ABORTED)).append(" aborted, ")
                .append(t.get(Status.KNOWN_FAILURE)).append(" known failures.</p>\n");
        sb.append("<h2>Hosts</h2><table><tr><th>host</th><th>ABIs</th><th>capabilities</th></tr>\n");
        report.hosts().values().forEach(h -> sb.append("<tr><td>").append(esc(h.id())).append("</td><td>")
                .append(esc(String.join(", ", h.abis()))).append("</td><td>").append(esc(String.join(", ", h.capabilities())))
                .append("</td></tr>\n"));
        sb.append("</table>\n");
        if (!report.lists().isEmpty()) {
            sb.append("<p>Known-failure lists: ").append(esc(String.join(", ", report.lists()))).append("</p>\n");
        }
        sb.append("<h2>Matrix</h2><table><tr><th>ABI</th><th>toolchain</th><th>host</th><th>passed</th><th>failed</th>"
                + "<th>of which required</th><th>skipped</th><th>aborted</th><th>known failures</th></tr>\n");
        var matrix = report.matrix();
        matrix.forEach((k, c) -> sb.append("<tr").append(c.requiredFailed() > 0 ? " class=\"bad\"" : "").append("><td>")
                .append(esc(k.get(0))).append("</td><td>").append(esc(k.get(1))).append("</td><td>").append(esc(k.get(2)))
                .append("</td>").append(countCells(c)).append("</tr>\n"));
        sb.append("<tr><th colspan=\"3\">total</th>").append(countCells(t)).append("</tr></table>\n");
        differences(sb, report.differences());
        String group = null;
        for (Result r : report.results()) {
            String g = r.abi() + " \u00b7 " + r.toolchain() + " \u00b7 " + r.host();
            if (!g.equals(group)) {
                sb.append(group == null ? "" : "</table></details>\n");
                Counts c = matrix.get(List.of(r.abi(), r.toolchain(), r.host()));
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

    /** The host-difference table: a row per case, an outcome and a duration column per host. */
    private static void differences(StringBuilder sb, List<HostDifferences.Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        List<String> hosts = HostDifferences.hosts(rows);
        sb.append("<h2>Host differences</h2>\n<p>").append(rows.size())
                .append(" case(s) with different outcomes on different hosts; <span id=\"differences-shown\">")
                .append(rows.size()).append("</span> shown. Filter: <input id=\"differences-filter\" type=\"search\""
                        + " placeholder=\"case, guest, host, status or message\" size=\"40\"> (click a heading to sort)</p>\n");
        sb.append("<table id=\"differences\"><thead><tr><th>case</th><th>guest</th><th>ABI</th>");
        hosts.forEach(h -> sb.append("<th>").append(esc(h)).append("</th><th data-numeric>").append(esc(h)).append(" ms</th>"));
        sb.append("</tr></thead><tbody>\n");
        for (HostDifferences.Row row : rows) {
            sb.append("<tr><td>").append(esc(row.id())).append("</td><td>").append(esc(row.guest())).append("</td><td>")
                    .append(esc(row.abi())).append("</td>");
            for (String h : hosts) {
                Result r = row.byHost().get(h);
                if (r == null) {
                    sb.append("<td>-</td><td class=\"n\" data-value=\"-1\"></td>");
                    continue;
                }
                sb.append("<td class=\"").append(r.status().label()).append("\">").append(r.status().label());
                if (r.status() != Status.PASSED && r.message() != null) {
                    sb.append("<pre>").append(esc(r.message())).append("</pre>");
                }
                sb.append("</td><td class=\"n\" data-value=\"").append(r.durationMs()).append("\">").append(r.durationMs())
                        .append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody></table>\n<script>\n").append(SCRIPT).append("</script>\n");
    }

    /**
     * Sorts the difference table by a clicked heading (again: the other way) and hides rows that do
     * not contain the filter text. The state lives in the URL hash ({@code #filter=...&sort=N&desc}),
     * read on load, so a link opens the same view.
     */
    private static final String SCRIPT = """
            (function () {
              var table = document.getElementById('differences');
              var body = table.tBodies[0];
              var heads = table.tHead.rows[0].cells;
              var input = document.getElementById('differences-filter');
              var state = {filter: '', sort: -1, desc: false};
              function readHash() {
                location.hash.replace(/^#/, '').split('&').forEach(function (part) {
                  var eq = part.indexOf('=');
                  var key = eq < 0 ? part : part.slice(0, eq);
                  var value = eq < 0 ? '' : decodeURIComponent(part.slice(eq + 1));
                  if (key === 'filter') { state.filter = value; }
                  if (key === 'sort') { state.sort = parseInt(value, 10); }
                  if (key === 'desc') { state.desc = true; }
                });
              }
              function writeHash() {
                var parts = [];
                if (state.filter) { parts.push('filter=' + encodeURIComponent(state.filter)); }
                if (state.sort >= 0) { parts.push('sort=' + state.sort); }
                if (state.desc) { parts.push('desc'); }
                history.replaceState(null, '', '#' + parts.join('&'));
              }
              function key(row) {
                var cell = row.cells[state.sort];
                var value = cell.hasAttribute('data-value') ? cell.getAttribute('data-value') : cell.textContent;
                return heads[state.sort].hasAttribute('data-numeric') ? Number(value) : value.toLowerCase();
              }
              function apply() {
                var rows = Array.prototype.slice.call(body.rows);
                if (state.sort >= 0 && state.sort < heads.length) {
                  rows.sort(function (a, b) {
                    var x = key(a), y = key(b);
                    var order = x < y ? -1 : x > y ? 1 : 0;
                    return state.desc ? -order : order;
                  });
                }
                var needle = state.filter.toLowerCase();
                var shown = 0;
                rows.forEach(function (row) {
                  body.appendChild(row);
                  row.hidden = needle !== '' && row.textContent.toLowerCase().indexOf(needle) < 0;
                  if (!row.hidden) { shown++; }
                });
                Array.prototype.forEach.call(heads, function (th, i) {
                  if (i === state.sort) { th.setAttribute('aria-sort', state.desc ? 'descending' : 'ascending'); }
                  else { th.removeAttribute('aria-sort'); }
                });
                document.getElementById('differences-shown').textContent = shown;
              }
              Array.prototype.forEach.call(heads, function (th, i) {
                th.addEventListener('click', function () {
                  state.desc = state.sort === i ? !state.desc : false;
                  state.sort = i;
                  writeHash();
                  apply();
                });
              });
              input.addEventListener('input', function () {
                state.filter = input.value;
                writeHash();
                apply();
              });
              readHash();
              input.value = state.filter;
              apply();
            })();
            """;

    private static String countCells(Counts c) {
        return "<td class=\"n\">" + c.get(Status.PASSED) + "</td><td class=\"n\">" + c.get(Status.FAILED) + "</td><td class=\"n\">"
                + c.requiredFailed() + "</td><td class=\"n\">" + c.get(Status.SKIPPED) + "</td><td class=\"n\">"
                + c.get(Status.ABORTED) + "</td><td class=\"n\">" + c.get(Status.KNOWN_FAILURE) + "</td>";
    }

    private static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
