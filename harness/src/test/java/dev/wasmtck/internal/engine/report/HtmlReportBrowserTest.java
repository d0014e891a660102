package dev.wasmtck.internal.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report's host-difference table as a browser shows it: headless Chromium loads the page
 * (its script runs) and dumps the DOM; the URL hash sets the filter and the sort, as a shared link does.
 * Skipped where no Chromium is installed ({@code apt-get install chromium}; ci/test installs it).
 */
class HtmlReportBrowserTest {
    private static final Pattern ROW = Pattern.compile("<tr( hidden=\"\")?><td>([^<]*)</td>");
    private static String chromium;

    @TempDir
    static Path dir;

    @BeforeAll
    static void findChromium() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String p : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                if (Files.isExecutable(Path.of(p, name))) {
                    chromium = Path.of(p, name).toString();
                    return;
                }
            }
        }
        Assumptions.abort("no Chromium on PATH (chromium, chromium-browser, google-chrome): `apt-get install chromium`");
    }

    /** The difference table's rows as shown: {@code case} or {@code hidden case}, in page order, then the shown count. */
    private static List<String> shown(String hash) throws Exception {
        Path page = dir.resolve("conformance-report.html");
        if (!Files.exists(page)) {
            ConformanceReport report = new ConformanceReport(List.of(), HostDifferencesTest.results(), Instant.EPOCH, Instant.EPOCH);
            Files.writeString(page, HtmlReport.render(report), StandardCharsets.UTF_8);
        }
        Process p = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--user-data-dir=" + dir.resolve("profile"), "--dump-dom", page.toUri() + hash)
                .redirectError(dir.resolve("chromium.log").toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        String dom = new String(out, StandardCharsets.UTF_8);
        assertThat(dom).as("DOM dumped (chromium log: %s)", log()).contains("id=\"differences\"");
        String table = dom.substring(dom.indexOf("<table id=\"differences\""));
        table = table.substring(0, table.indexOf("</table>"));
        List<String> rows = new ArrayList<>();
        Matcher m = ROW.matcher(table.substring(table.indexOf("<tbody>")));
        while (m.find()) {
            rows.add((m.group(1) != null ? "hidden " : "") + m.group(2));
        }
        Matcher count = Pattern.compile("<span id=\"differences-shown\">(\\d+)</span>").matcher(dom);
        assertThat(count.find()).isTrue();
        rows.add(count.group(1) + " shown");
        return rows;
    }

    private static String log() {
        try {
            return Files.readString(dir.resolve("chromium.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Test
    void theTableShowsOneRowPerDifferingCaseWithEveryHostsOutcomeAndDuration() throws Exception {
        assertThat(shown("")).containsExactly("wapc/ops#abort", "wapc/ops#echo", "2 shown");
        String html = Files.readString(dir.resolve("conformance-report.html"));
        assertThat(html).contains("<th>graalwasm</th><th data-numeric>graalwasm ms</th>")
                .contains("<td class=\"failed\">failed<pre>boom: wrong bytes\nsecond line</pre></td><td class=\"n\" data-value=\"30\">30</td>");
    }

    @Test
    void theHashFiltersRowsByTheirText() throws Exception {
        assertThat(shown("#filter=boom")).containsExactly("hidden wapc/ops#abort", "wapc/ops#echo", "1 shown");
        assertThat(shown("#filter=TRAP")).containsExactly("wapc/ops#abort", "hidden wapc/ops#echo", "1 shown");
        assertThat(shown("#filter=nothing-like-this")).containsExactly("hidden wapc/ops#abort", "hidden wapc/ops#echo", "0 shown");
    }

    @Test
    void theHashSortsByAColumnEitherWayNumbersAsNumbers() throws Exception {
        // Columns: case, guest, ABI, then per host its outcome and its duration: graalwasm ms is column 6 (30 and 50).
        assertThat(shown("#sort=6")).containsExactly("wapc/ops#echo", "wapc/ops#abort", "2 shown");
        assertThat(shown("#sort=6&desc")).containsExactly("wapc/ops#abort", "wapc/ops#echo", "2 shown");
        // chicory ms, descending: 10 (echo) before 5 (abort); as text "5" would come first.
        assertThat(shown("#sort=4&desc")).containsExactly("wapc/ops#echo", "wapc/ops#abort", "2 shown");
        assertThat(shown("#sort=0&desc&filter=wapc")).containsExactly("wapc/ops#echo", "wapc/ops#abort", "2 shown");
    }
}
