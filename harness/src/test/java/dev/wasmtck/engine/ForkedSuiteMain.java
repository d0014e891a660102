package dev.wasmtck.engine;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathResource;

import java.util.Arrays;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.ClasspathResourceSelector;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs case files (classpath resources named on the command line) on the reference host and prints
 * one line per finished case and a last line {@code TOTAL started=N succeeded=N failed=N aborted=N}:
 * what {@link SmallHeapForkTest} starts in a JVM of its own.
 */
public final class ForkedSuiteMain {
    private ForkedSuiteMain() {}

    public static void main(String[] args) {
        int[] counts = new int[4];
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(Arrays.stream(args).map(r -> (ClasspathResourceSelector) selectClasspathResource(r)).toList())
                .configurationParameter("wasm.conformance.hosts", "chicory")
                .configurationParameter("wasm.conformance.summary", "false")
                .build();
        LauncherFactory.create().execute(request, new TestExecutionListener() {
            @Override
            public void executionStarted(TestIdentifier id) {
                if (id.isTest()) {
                    counts[0]++;
                }
            }

            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (!id.isTest()) {
                    return;
                }
                switch (result.getStatus()) {
                    case SUCCESSFUL -> counts[1]++;
                    case FAILED -> counts[2]++;
                    case ABORTED -> counts[3]++;
                }
                System.out.println("CASE " + result.getStatus() + " " + id.getDisplayName()
                        + result.getThrowable().map(t -> " :: " + t.getMessage().replace('\n', ' ')).orElse(""));
            }
        });
        System.out.println("TOTAL started=" + counts[0] + " succeeded=" + counts[1] + " failed=" + counts[2]
                + " aborted=" + counts[3]);
    }
}
