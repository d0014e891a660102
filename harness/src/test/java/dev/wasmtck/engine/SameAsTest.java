package dev.wasmtck.engine;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathResource;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * A case's {@code same-as}: the call must equal, byte for byte, the run of a reference host that need
 * not be one of the run's hosts; without a reference the target is aborted, not passed.
 */
class SameAsTest {
    private static Events run(String hosts, String resource) {
        return EngineTestKit.engine(WasmConformanceEngine.ENGINE_ID)
                .configurationParameter("wasm.conformance.hosts", hosts)
                .selectors(selectClasspathResource(resource)).execute().testEvents();
    }

    @Test
    void aCallMustEqualTheReferenceHostsRunOfTheSameCase() {
        // fake-lite is not in the run's matrix: it is created as a reference when a case names it.
        run("fake", "engine/same-as/same-as.yaml").assertThatEvents()
                .haveExactly(1, event(test("agrees"), finishedSuccessfully()))
                .haveExactly(1, event(test("faults-agree"), finishedSuccessfully()))
                .haveExactly(1, event(test("opted-out"), finishedSuccessfully()))
                .haveExactly(1, event(test("stdout-differs"), finishedWithFailure(message(
                        "engine/same-as/same-as.yaml:9 case 'stdout-differs' (guest ../fake.wasm, host fake): differs"
                                + " from host fake-lite (same-as; the same guest, settings and call): stdout line 1:"
                                + " expected \"fake-lite stdout\" but was \"fake stdout\""))))
                .haveExactly(1, event(test("first-serving-host-is-the-reference"), finishedWithFailure(message(
                        m -> m.contains("differs from host fake-lite")))))
                .haveExactly(1, event(test("no-reference-available"), abortedWithReason(message(m ->
                        m.contains("met its own expectations, but its same-as comparison could not run")
                                && m.contains("nobody is not available in this run")))))
                .haveExactly(1, event(test("own-expectations-first"), finishedWithFailure(message(
                        m -> m.contains("output differs") && !m.contains("differs from host")))));
    }

    @Test
    void aReferenceHostIsNotComparedWithItself() {
        run("fake-lite", "engine/same-as/same-as.yaml").assertThatEvents()
                .haveExactly(1, event(test("stdout-differs"), finishedSuccessfully()))
                .haveExactly(1, event(test("agrees"), finishedSuccessfully()));
    }

    @Test
    void aBadSameAsFailsItsCaseWithFileAndLine() {
        run("fake", "engine/same-as/bad.yaml").assertThatEvents()
                .haveExactly(1, event(test("empty-hosts"), finishedWithFailure(message(
                        "engine/same-as/bad.yaml:5: same-as.hosts is empty; write same-as: [] for no comparison"))))
                .haveExactly(1, event(test("bad-order"), finishedWithFailure(message(
                        "engine/same-as/bad.yaml:8: same-as.stdout is exact or unordered-lines, found 'sorted'"))))
                .haveExactly(1, event(test("on-a-concurrent-case"), finishedWithFailure(message(
                        "engine/same-as/bad.yaml:11: same-as compares one call; a concurrent case has many"))));
    }
}
