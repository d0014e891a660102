package dev.wasmtck.internal.engine.report;

import dev.wasmtck.internal.engine.execution.KnownFailure;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.ClasspathResourceSource;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * After a run, prints the matrix ABI x toolchain x host with passed / failed / skipped / aborted /
 * known-failure counts, the cases whose outcome differs between hosts, and one line per failure with
 * the command that reruns just that case, and writes the JSON and HTML reports (docs/reports.md).
 * Off unless {@code wasm.conformance.summary=true} (as a system property or on the {@code @Suite}
 * class), so plugin repos see plain Surefire output by default.
 *
 * <p>It learns what it reports from the engine's report entries: with the summary on, each engine node
 * publishes its {@link RunInfo} when it starts, and each test its {@link TargetInfo}; tests of an engine
 * node that published none are not reported.
 */
public final class SummaryListener implements TestExecutionListener {
    private final PrintStream out;
    private volatile Instant started;
    /** By the unique id of the engine node that published it: each {@code @Suite} class has its own. */
    private final Map<String, RunInfo> runs = new ConcurrentHashMap<>();
    private final Map<String, TargetInfo> targets = new ConcurrentHashMap<>();
    private final Map<String, Instant> startedAt = new ConcurrentHashMap<>();
    private final List<Outcome> outcomes = new ArrayList<>();

    /** A test's end, resolved into a report result once the run is over and every entry is in. */
    private record Outcome(TestIdentifier id, ConformanceReport.Status status, String message, long durationMs) {}

    public SummaryListener() {
        this(System.out);
    }

    SummaryListener(PrintStream out) {
        this.out = out;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        started = Instant.now();
        runs.clear();
        targets.clear();
        startedAt.clear();
        synchronized (outcomes) {
            outcomes.clear();
        }
    }

    @Override
    public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
        RunInfo.from(entry).ifPresent(info -> runs.put(id.getUniqueId(), info));
        TargetInfo.from(entry).ifPresent(t -> targets.put(t.getKey(), t.getValue()));
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        if (id.isTest()) {
            startedAt.put(id.getUniqueId(), Instant.now());
        }
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        if (id.isTest()) {
            add(new Outcome(id, ConformanceReport.Status.SKIPPED, reason, 0));
        }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (!id.isTest()) {
            return;
        }
        Optional<Throwable> thrown = result.getThrowable();
        String message = thrown.map(t -> String.valueOf(t.getMessage())).orElse(null);
        ConformanceReport.Status status = switch (result.getStatus()) {
            case SUCCESSFUL -> ConformanceReport.Status.PASSED;
            case FAILED -> ConformanceReport.Status.FAILED;
            case ABORTED -> thrown.filter(t -> t instanceof KnownFailure).isPresent()
                    ? ConformanceReport.Status.KNOWN_FAILURE : ConformanceReport.Status.ABORTED;
        };
        Instant start = startedAt.remove(id.getUniqueId());
        add(new Outcome(id, status, message, start == null ? 0 : Duration.between(start, Instant.now()).toMillis()));
    }

    private void add(Outcome outcome) {
        synchronized (outcomes) {
            outcomes.add(outcome);
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        List<ConformanceReport.Result> results = new ArrayList<>();
        synchronized (outcomes) {
            for (Outcome o : outcomes) {
                run(o.id()).ifPresent(run -> results.add(result(o, run)));
            }
        }
        List<RunInfo> infos = List.copyOf(runs.values());
        if (results.isEmpty()) {
            return;
        }
        ConformanceReport report = new ConformanceReport(infos, results, started, Instant.now());
        Path reportDir = Path.of(infos.stream().map(RunInfo::reportDir).filter(d -> d != null).findFirst().orElse("target"));
        StringBuilder sb = new StringBuilder("\n").append(TextReport.render(report));
        try {
            Files.createDirectories(reportDir);
            Path json = reportDir.resolve("conformance-report.json").toAbsolutePath().normalize();
            Path html = reportDir.resolve("conformance-report.html").toAbsolutePath().normalize();
            Files.writeString(json, JsonReport.render(report), StandardCharsets.UTF_8);
            Files.writeString(html, HtmlReport.render(report), StandardCharsets.UTF_8);
            sb.append("reports: ").append(json).append("\n         ").append(html).append('\n');
        } catch (IOException e) {
            sb.append("reports not written to ").append(reportDir.toAbsolutePath()).append(": ").append(e).append('\n');
        }
        out.print(sb);
        out.flush();
    }

    /** The run a test belongs to: the one its engine node published; none for other engines' tests. */
    private Optional<RunInfo> run(TestIdentifier id) {
        String uid = id.getUniqueId();
        return runs.entrySet().stream().filter(e -> uid.startsWith(e.getKey())).map(Map.Entry::getValue).findFirst();
    }

    private ConformanceReport.Result result(Outcome o, RunInfo run) {
        TestIdentifier id = o.id();
        TargetInfo t = targets.getOrDefault(id.getUniqueId(), new TargetInfo(null, null, null, null, null, null, null));
        String where = null;
        int line = 0;
        Optional<TestSource> source = id.getSource();
        if (source.isPresent() && source.get() instanceof ClasspathResourceSource c) {
            where = c.getClasspathResourceName();
            line = c.getPosition().map(p -> p.getLine()).orElse(0);
        } else if (source.isPresent() && source.get() instanceof FileSource f) {
            where = f.getFile().getPath();
            line = f.getPosition().map(p -> p.getLine()).orElse(0);
        }
        String rerun = t.select() == null ? null : run.rerun(t.select(), suiteClass(id));
        return new ConformanceReport.Result(t.id() == null ? id.getDisplayName() : t.id(), id.getDisplayName(),
                id.getUniqueId(), dash(t.abi()), dash(t.level()), dash(t.host()), dash(t.toolchain()), dash(t.guest()),
                where, line, o.status(), o.message(), rerun, o.durationMs());
    }

    /** The {@code @Suite} class the test ran under (its rerun names it to Surefire), or null. */
    private static String suiteClass(TestIdentifier id) {
        return UniqueId.parse(id.getUniqueId()).getSegments().stream().filter(s -> s.getType().equals("suite"))
                .map(UniqueId.Segment::getValue).findFirst().orElse(null);
    }

    private static String dash(String value) {
        return value == null ? "-" : value;
    }
}
