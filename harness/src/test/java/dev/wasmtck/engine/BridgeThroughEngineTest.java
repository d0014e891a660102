package dev.wasmtck.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathResource;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.opentest4j.AssertionFailedError;

/** The real Chicory async-bridge host under the engine: YAML in, judged results out. */
class BridgeThroughEngineTest {

    private static Events run(String runtime) {
        return EngineTestKit.engine(WasmConformanceEngine.ENGINE_ID)
                .configurationParameter("wasm.conformance.hosts", "chicory")
                .configurationParameter("wasm.conformance.runtime", runtime)
                .selectors(selectClasspathResource("bridge/through-engine.yaml"))
                .execute().testEvents();
    }

    @Test
    void compiledRuntime() {
        check(run("compiler"));
    }

    @Test
    void interpreterRuntime() {
        check(run("interpreter"));
    }

    private static void check(Events events) {
        events.assertStatistics(s -> s.started(8).succeeded(7).failed(1));
        events.assertThatEvents()
                .haveExactly(1, event(test("out-of-order"), finishedSuccessfully()))
                .haveExactly(1, event(test("resolve-from-yaml"), finishedSuccessfully()))
                .haveExactly(1, event(test("after-the-runaway"), finishedSuccessfully()))
                .haveExactly(1, event(test("type-exact-mismatch"), finishedWithFailure(
                        instanceOf(AssertionFailedError.class),
                        message(m -> m.startsWith("bridge/through-engine.yaml:16 case 'type-exact-mismatch' "
                                + "(guest ../wat/echo-seed-malloc.wasm, host chicory): output differs at $: expected int 1 but was float64 1.0")))));
        assertThat(events.failed().stream().count()).isEqualTo(1);
    }
}
