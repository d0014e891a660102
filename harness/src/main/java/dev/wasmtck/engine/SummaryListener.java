package dev.wasmtck.engine;

import dev.wasmtck.cases.CaseSource;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.ClasspathResourceSource;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * After a run, prints the matrix ABI x toolchain x host with passed / failed / skipped / aborted /
 * known-failure counts and one line per failure with the command that reruns just that case, and
 * writes the JSON and HTML reports (docs/reports.md). Off unless {@code wasm.conformance.summary=true}
 * (as a system property or on the {@code @Suite} class), so plugin repos see plain Surefire output by default.
 */
public final class SummaryListener implements TestExecutionListener {
    private static final String ENGINE_PREFIX = "[engine:" + WasmConformanceEngine.ENGINE_ID + "]";
    private final PrintStream out;
    private volatile boolean enabled;
    private volatile Path reportDir;
    private volatile String rerunCommand;
    private volatile Instant started;
    private final Set<String> abiNames = ConcurrentHashMap.newKeySet();
    private final List<RunInfo> infos = Collections.synchronizedList(new ArrayList<>());
    private final List<ConformanceReport.Result> results = Collections.synchronizedList(new ArrayList<>());

    public SummaryListener() {
        this(System.out);
    }

    SummaryListener(PrintStream out) {
        this.out = out;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        started = Instant.now();
        results.clear();
        infos.clear();
        var params = plan.getConfigurationParameters();
        boolean on = params.getBoolean(KitConfig.SUMMARY).orElse(false);
        String dir = params.get(KitConfig.REPORT_DIR).orElse(null);
        String rerun = params.get(KitConfig.RERUN_COMMAND).orElse(null);
        // Settings given on a @Suite class reach the engine, not this listener: its discovery published them.
        for (TestIdentifier root : plan.getRoots()) {
            for (TestIdentifier node : plan.getDescendants(root)) {
                if (node.getUniqueId().endsWith(ENGINE_PREFIX)) {
                    RunInfo info = RunInfo.forEngine(node.getUniqueId());
                    if (info != null) {
                        infos.add(info);
                        on |= info.summary();
                        dir = dir != null ? dir : info.reportDir();
                        rerun = rerun != null ? rerun : info.rerunCommand();
                    }
                }
            }
            if (root.getUniqueId().equals(ENGINE_PREFIX) && RunInfo.forEngine(ENGINE_PREFIX) != null) {
                RunInfo info = RunInfo.forEngine(ENGINE_PREFIX);
                infos.add(info);
                on |= info.summary();
                dir = dir != null ? dir : info.reportDir();
                rerun = rerun != null ? rerun : info.rerunCommand();
            }
        }
        enabled = on;
        reportDir = Path.of(dir != null ? dir : "target");
        rerunCommand = rerun != null ? rerun : RunInfo.DEFAULT_RERUN;
        for (dev.wasmtck.host.Abi<?> abi : java.util.ServiceLoader.load(dev.wasmtck.host.Abi.class)) {
            abiNames.add(abi.name());
        }
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        if (ours(id) && id.isTest()) {
            results.add(result(id, ConformanceReport.Status.SKIPPED, reason));
        }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (!ours(id) || !id.isTest()) {
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
        results.add(result(id, status, message));
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        if (!enabled || results.isEmpty()) {
            return;
        }
        ConformanceReport report;
        synchronized (results) {
            report = new ConformanceReport(List.copyOf(infos), List.copyOf(results), started, Instant.now());
        }
        StringBuilder sb = new StringBuilder("\n").append(report.text());
        try {
            Files.createDirectories(reportDir);
            Path json = reportDir.resolve("conformance-report.json").toAbsolutePath().normalize();
            Path html = reportDir.resolve("conformance-report.html").toAbsolutePath().normalize();
            Files.writeString(json, report.json(), StandardCharsets.UTF_8);
            Files.writeString(html, report.html(), StandardCharsets.UTF_8);
            sb.append("reports: ").append(json).append("\n         ").append(html).append('\n');
        } catch (IOException e) {
            sb.append("reports not written to ").append(reportDir.toAbsolutePath()).append(": ").append(e).append('\n');
        }
        out.print(sb);
        out.flush();
    }

    private static boolean ours(TestIdentifier id) {
        // Under @Suite our ids sit below the suite engine's, so look for our segment anywhere.
        return id.getUniqueId().contains(ENGINE_PREFIX);
    }

    private ConformanceReport.Result result(TestIdentifier id, ConformanceReport.Status status, String message) {
        UniqueId uid = UniqueId.parse(id.getUniqueId());
        String file = null;
        String caseId = null;
        String target = null;
        String suiteClass = null;
        String list = null;
        for (UniqueId.Segment s : uid.getSegments()) {
            switch (s.getType()) {
                case "suite" -> suiteClass = s.getValue();
                case CaseFileDescriptor.SEGMENT -> file = CaseSource.shortName(s.getValue().replaceFirst("^(classpath|file):", ""));
                case CaseDescriptor.SEGMENT -> caseId = s.getValue();
                case TargetDescriptor.SEGMENT -> target = s.getValue();
                case KnownFailureListDescriptor.SEGMENT -> list = s.getValue();
                default -> { }
            }
        }
        if (target == null) {
            // A case with a single target names it in brackets at the end of its display name.
            String name = id.getDisplayName();
            int open = name.lastIndexOf(" [");
            target = caseId != null && open >= 0 && name.endsWith("]") ? name.substring(open + 2, name.length() - 1) : null;
        }
        Set<String> tags = new LinkedHashSet<>();
        id.getTags().forEach(t -> tags.add(t.getName()));
        String abi = tags.stream().filter(abiNames::contains).findFirst()
                .orElse(list != null ? "known-failures" : file != null && file.contains("/") ? file.substring(0, file.indexOf('/')) : "-");
        String level = tags.contains("optional") ? "optional" : tags.contains("required") ? "required" : "-";
        String host = tagValue(tags, "host:");
        String toolchain = tagValue(tags, "toolchain:");
        String guest = target != null && target.contains(" on ") ? target.substring(0, target.lastIndexOf(" on ")) : null;
        String stable = file == null ? list : caseId == null ? file : file + "#" + caseId;
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
        String rerun = null;
        if (file != null) {
            String select = caseId == null ? file : file + "#" + caseId + (target != null ? "[" + target + "]" : "");
            if (rerunCommand.contains(RunInfo.SELECT_PLACEHOLDER)) {
                rerun = rerunCommand.replace(RunInfo.SELECT_PLACEHOLDER, select);
            } else {
                String test = suiteClass == null ? "" : " -Dtest=" + suiteClass.substring(suiteClass.lastIndexOf('.') + 1);
                rerun = rerunCommand + test + " -Dwasm.conformance.select='" + select + "'";
            }
        }
        return new ConformanceReport.Result(stable == null ? id.getDisplayName() : stable, id.getDisplayName(),
                id.getUniqueId(), abi, level, host == null ? "-" : host, toolchain == null ? "-" : toolchain,
                guest == null ? "-" : guest, where, line, status, message, rerun);
    }

    private static String tagValue(Set<String> tags, String prefix) {
        return tags.stream().filter(t -> t.startsWith(prefix)).map(t -> t.substring(prefix.length())).findFirst().orElse(null);
    }
}
