package dev.wasmtck.engine;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints a table of the kit's results per ABI and target after a run, and one line per failure
 * with the command that reruns just that case. Off unless {@code wasm.conformance.summary=true},
 * so plugin repos see plain Surefire output by default.
 */
public final class SummaryListener implements TestExecutionListener {
    private static final String ENGINE_PREFIX = "[engine:" + WasmConformanceEngine.ENGINE_ID + "]";
    private final PrintStream out;
    private volatile boolean enabled;
    private final java.util.Set<String> abiNames = ConcurrentHashMap.newKeySet();
    private final Map<String, int[]> rows = new ConcurrentHashMap<>();
    private final List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());

    public SummaryListener() {
        this(System.out);
    }

    SummaryListener(PrintStream out) {
        this.out = out;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        enabled = plan.getConfigurationParameters().getBoolean(KitConfig.SUMMARY).orElse(false);
        for (dev.wasmtck.host.Abi abi : java.util.ServiceLoader.load(dev.wasmtck.host.Abi.class)) {
            abiNames.add(abi.name());
        }
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        if (ours(id) && id.isTest()) {
            count(id, 2);
        }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (!ours(id) || !id.isTest()) {
            return;
        }
        switch (result.getStatus()) {
            case SUCCESSFUL -> count(id, 0);
            case ABORTED -> {
                count(id, 3);
                problems.add("ABORTED " + id.getDisplayName() + ": " + firstLine(result));
            }
            case FAILED -> {
                count(id, 1);
                problems.add("FAILED  " + id.getDisplayName() + ": " + firstLine(result)
                        + "\n        rerun: ./mvnw -q -pl conformance-suite verify -Dwasm.conformance.select='"
                        + selectFor(id) + "'");
            }
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        if (!enabled || rows.isEmpty()) {
            return;
        }
        Map<String, int[]> sorted = new TreeMap<>(rows);
        int width = Math.max(20, sorted.keySet().stream().mapToInt(String::length).max().orElse(20));
        StringBuilder sb = new StringBuilder("\nwasm-tck results\n");
        sb.append(String.format("%-" + width + "s %7s %7s %7s %7s%n", "ABI / guest on host", "passed", "failed", "skipped", "aborted"));
        int[] total = new int[4];
        for (Map.Entry<String, int[]> e : sorted.entrySet()) {
            int[] c = e.getValue();
            sb.append(String.format("%-" + width + "s %7d %7d %7d %7d%n", e.getKey(), c[0], c[1], c[2], c[3]));
            for (int i = 0; i < 4; i++) {
                total[i] += c[i];
            }
        }
        sb.append(String.format("%-" + width + "s %7d %7d %7d %7d%n", "total", total[0], total[1], total[2], total[3]));
        synchronized (problems) {
            problems.stream().sorted().forEach(p -> sb.append(p).append('\n'));
        }
        out.print(sb);
        out.flush();
    }

    private static boolean ours(TestIdentifier id) {
        // Under @Suite our ids sit below the suite engine's, so look for our segment anywhere.
        return id.getUniqueId().contains(ENGINE_PREFIX);
    }

    private void count(TestIdentifier id, int column) {
        rows.computeIfAbsent(rowKey(id), k -> new int[4])[column]++;
    }

    /** "async-bridge / c/message on chicory", taken from the display name's bracket and the ABI tag. */
    private String rowKey(TestIdentifier id) {
        String name = id.getDisplayName();
        int open = name.lastIndexOf(" [");
        String target = open >= 0 && name.endsWith("]") ? name.substring(open + 2, name.length() - 1) : "(no target)";
        String abi = id.getTags().stream().map(t -> t.getName()).filter(abiNames::contains).findFirst().orElse("?");
        return abi + " / " + target;
    }

    private static String selectFor(TestIdentifier id) {
        UniqueId uid = UniqueId.parse(id.getUniqueId());
        String file = "";
        String caseId = null;
        for (UniqueId.Segment s : uid.getSegments()) {
            if (s.getType().equals(CaseFileDescriptor.SEGMENT)) {
                file = dev.wasmtck.cases.CaseSource.shortName(s.getValue().replaceFirst("^(classpath|file):", ""));
            } else if (s.getType().equals(CaseDescriptor.SEGMENT)) {
                caseId = s.getValue();
            }
        }
        return caseId == null ? file : file + "#" + caseId;
    }

    private static String firstLine(TestExecutionResult result) {
        Optional<Throwable> t = result.getThrowable();
        String m = t.map(x -> String.valueOf(x.getMessage())).orElse("");
        int nl = m.indexOf('\n');
        return nl >= 0 ? m.substring(0, nl) : m;
    }
}
