package dev.wasmtck.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Progress on stderr while cases run. Live: one line rewritten in place (done/total, failures so
 * far, the current case, elapsed time), for a terminal. Lines: one line per finished case file (and
 * the guest module's rules), for a log. The matrix on stdout is the result; this only says how far the run has got.
 */
final class Progress implements TestExecutionListener {
    private final PrintStream out;
    private final boolean live;
    private TestPlan plan;
    private long total;
    private long started;
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private volatile String current = "";
    /** Per case file (top-level node): tests finished and failed. */
    private final Map<String, int[]> files = new ConcurrentHashMap<>();
    private int width;
    /** Live mode: redraws every second, so the elapsed time moves during a long case too. */
    private ScheduledExecutorService ticker;

    Progress(PrintStream out, boolean live) {
        this.out = out;
        this.live = live;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
        total = testPlan.countTestIdentifiers(TestIdentifier::isTest);
        started = System.nanoTime();
        if (live) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "wasm-tck-progress");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleAtFixedRate(this::redraw, 1, 1, TimeUnit.SECONDS);
        }
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        if (id.isTest()) {
            current = id.getDisplayName();
            redraw();
        }
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        long tests = id.isTest() ? 1 : plan.getDescendants(id).stream().filter(TestIdentifier::isTest).count();
        done.addAndGet((int) tests);
        redraw();
        if (isTopLevel(id)) {
            fileLine(id, "skipped: " + reason);
        }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        boolean bad = result.getStatus() == TestExecutionResult.Status.FAILED;
        if (id.isTest()) {
            done.incrementAndGet();
            if (bad) {
                failed.incrementAndGet();
            }
            String file = topLevelOf(id);
            if (file != null) {
                int[] counts = files.computeIfAbsent(file, k -> new int[2]);
                synchronized (counts) {
                    counts[0]++;
                    counts[1] += bad ? 1 : 0;
                }
            }
            redraw();
        }
        if (isTopLevel(id)) {
            int[] counts = files.getOrDefault(id.getUniqueId(), new int[2]);
            fileLine(id, counts[0] + " test(s), " + counts[1] + " failed");
        }
    }

    @Override
    public synchronized void testPlanExecutionFinished(TestPlan testPlan) {
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
        if (live && width > 0) {
            out.print("\r" + " ".repeat(width) + "\r");
            out.flush();
        }
    }

    private synchronized void redraw() {
        if (!live || plan == null) {
            return;
        }
        String line = String.format("[%d/%d] %d failed, %s  %s", done.get(), total, failed.get(), elapsed(), current);
        if (line.length() > 119) {
            line = line.substring(0, 118) + "\u2026";
        }
        out.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
        out.flush();
        width = line.length();
    }

    private synchronized void fileLine(TestIdentifier file, String what) {
        if (live) {
            return;
        }
        out.printf("[%d/%d] %s: %s (%s)%n", done.get(), total, file.getDisplayName(), what, elapsed());
        out.flush();
    }

    private String elapsed() {
        Duration d = Duration.ofNanos(System.nanoTime() - started);
        return String.format("%d:%02d", d.toMinutes(), d.toSecondsPart());
    }

    /** A case file, or the guest module's rules: the nodes right below the engine. */
    private boolean isTopLevel(TestIdentifier id) {
        return !id.isTest() && plan.getParent(id).map(p -> plan.getParent(p).isEmpty()).orElse(false);
    }

    /** The UniqueId of the top-level node a test belongs to, or null. */
    private String topLevelOf(TestIdentifier id) {
        for (TestIdentifier node = id; node != null; node = plan.getParent(node).orElse(null)) {
            if (isTopLevel(node)) {
                return node.getUniqueId();
            }
        }
        return null;
    }
}
