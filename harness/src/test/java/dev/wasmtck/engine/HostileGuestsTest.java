package dev.wasmtck.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathResource;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * The hostile guests of {@code hostile/*.yaml}, run through the engine on the reference host: every
 * attack fails its own case as the case expects (kind and message), and the control cases between
 * them pass in the same run. {@code SmallHeapForkTest} runs the same files in a JVM with a small heap.
 */
class HostileGuestsTest {

    private static Events run(String resource) {
        Events events = EngineTestKit.engine(WasmConformanceEngine.ENGINE_ID)
                .configurationParameter("wasm.conformance.hosts", "chicory")
                .selectors(selectClasspathResource(resource))
                .execute().testEvents();
        assertThat(events.failed().stream().map(e -> e.getTestDescriptor().getDisplayName() + ": "
                + e.getPayload(org.junit.platform.engine.TestExecutionResult.class).flatMap(
                        org.junit.platform.engine.TestExecutionResult::getThrowable).map(Throwable::getMessage).orElse("")))
                .as("failed cases").isEmpty();
        return events;
    }

    @Test
    void hostileWapcGuestsFailAloneAndTheControlsPass() {
        long start = System.nanoTime();
        Events events = run("hostile/wapc.yaml");
        events.assertStatistics(s -> s.started(13).succeeded(13).failed(0));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("time limits hold inside host functions")
                .isLessThan(Duration.ofSeconds(60));
    }

    @Test
    void aJvmErrorFailsItsOwnCaseOnlyNamingTheCase() {
        Events events = EngineTestKit.engine(WasmConformanceEngine.ENGINE_ID)
                .configurationParameter("wasm.conformance.hosts", "fake")
                .selectors(selectClasspathResource("engine/jvm-errors.yaml"))
                .execute().testEvents();
        events.assertStatistics(s -> s.started(5).succeeded(4).failed(1));
        Throwable t = events.failed().stream().findFirst().orElseThrow()
                .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
        assertThat(t.getMessage()).startsWith("engine/jvm-errors.yaml:10 case 'heap-gone-unexpected' (guest fake.wasm,"
                + " host fake): the guest failed [memory-limit]: the Java heap ran out while running the case");
    }

    @Test
    void hostileTinyGoGuestsFailAloneAndTheControlsPass() {
        Events events = run("hostile/tinygo.yaml");
        events.assertStatistics(s -> s.started(6).succeeded(6).failed(0));
    }

    @Test
    void hostileGoGuestsAndJsBombsFailAloneAndTheControlsPass() {
        Events events = run("hostile/wasm-exec.yaml");
        events.assertStatistics(s -> s.started(13).succeeded(13).failed(0));
    }
}
