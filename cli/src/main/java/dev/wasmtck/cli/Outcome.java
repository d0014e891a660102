package dev.wasmtck.cli;

import dev.wasmtck.engine.WasmConformanceEngine;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * What decides the exit code: how many tests ran, whether a required one failed (a case is required
 * unless tagged {@code optional}; known failures are aborted, not failed), and whether the engine
 * reported the configuration itself as wrong.
 */
final class Outcome implements TestExecutionListener {
    private final AtomicInteger tests = new AtomicInteger();
    private final AtomicInteger requiredFailures = new AtomicInteger();
    private final List<String> configurationErrors = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (!id.isTest()) {
            return;
        }
        tests.incrementAndGet();
        if (result.getStatus() != TestExecutionResult.Status.FAILED) {
            return;
        }
        var segments = UniqueId.parse(id.getUniqueId()).getSegments();
        if (segments.get(segments.size() - 1).getType().equals(WasmConformanceEngine.GUEST_MODULE_SEGMENT)) {
            // The guest-module node is a test only when it stands for a configuration error.
            configurationErrors.add(result.getThrowable().map(Throwable::getMessage).orElse(id.getDisplayName()));
        } else if (id.getTags().stream().noneMatch(t -> t.getName().equals("optional"))) {
            requiredFailures.incrementAndGet();
        }
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        // A skipped test is neither run nor failed; counting it keeps "no tests ran" honest.
        tests.incrementAndGet();
    }

    int tests() {
        return tests.get();
    }

    List<String> configurationErrors() {
        return List.copyOf(configurationErrors);
    }

    int exitCode() {
        if (!configurationErrors.isEmpty()) {
            return WasmTck.USAGE;
        }
        return requiredFailures.get() > 0 ? WasmTck.FAILED : WasmTck.OK;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        tests.set(0);
        requiredFailures.set(0);
        configurationErrors.clear();
    }
}
