package dev.wasmtck.engine;

import dev.wasmtck.internal.engine.execution.KnownFailure;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathResource;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** Concurrent waPC cases (wapc/concurrent.yaml on wat/wapc-mini.wat) through the engine and the real host. */
class WapcConcurrentThroughEngineTest {
    private static final String FILE = "wapc/concurrent.yaml";

    private static Events run() {
        return EngineTestKit.engine(WasmConformanceEngine.ENGINE_ID)
                .configurationParameter("wasm.conformance.hosts", "chicory")
                .selectors(selectClasspathResource(FILE))
                .execute().testEvents();
    }

    @Test
    void concurrentCasesPassFailAndNameTheFailingCall() {
        Events events = run();
        events.assertStatistics(s -> s.started(10).succeeded(2).failed(8));
        String who = " (guest ../wat/wapc-mini.wasm, host chicory)";
        events.assertThatEvents()
                .haveExactly(1, event(test("barrier-met"), finishedSuccessfully()))
                .haveExactly(1, event(test("trapped-instance-replaced"), finishedSuccessfully()))
                .haveExactly(1, event(test("wrong-output"), finishedWithFailure(message(m ->
                        m.startsWith(FILE + ":23 case 'wrong-output'" + who + ": 4 of 8 calls failed\n  ")
                        && m.contains(who + " concurrent.calls[1] 'echo' (line 29, caller 1 of 2, round 1 of 2): output differs")
                        && m.contains("caller 2 of 2, round 2 of 2")))))
                .haveExactly(1, event(test("wrong-instance-count"), finishedWithFailure(message(
                        FILE + ":30 case 'wrong-instance-count'" + who + ": the pool of 3 created 1 (0 discarded, at"
                        + " most 1 busy at once) instances, expected 2..3"))))
                .haveExactly(1, event(test("pool-too-small"), finishedWithFailure(message(m ->
                        m.contains("2 of 2 calls failed") && m.contains("[timeout]") && m.contains("barrier")))))
                .haveExactly(1, event(test("bad-function-key"), finishedWithFailure(message(m ->
                        m.startsWith(FILE + ":46: a concurrent case has no 'function' of its own")))))
                .haveExactly(1, event(test("bad-sizes"), finishedWithFailure(message(m ->
                        m.startsWith(FILE + ":49: concurrent needs 'pool'")))))
                .haveExactly(1, event(test("bad-pool"), finishedWithFailure(message(m ->
                        m.startsWith(FILE + ":51: pool must be 1..64, found 0")))))
                .haveExactly(1, event(test("bad-call-key"), finishedWithFailure(message(m ->
                        m.startsWith(FILE + ":53: unknown key 'exit'")))))
                .haveExactly(1, event(test("unknown-java-handler"), finishedWithFailure(message(m ->
                        m.startsWith(FILE + ":56: no Java host-call handler named 'no-such-handler' is registered")))));
    }

    @Test
    void knownFailuresMatchTheVerdictOfAConcurrentCase() {
        Events events = EngineTestKit.engine(WasmConformanceEngine.ENGINE_ID)
                .configurationParameter("wasm.conformance.hosts", "chicory")
                .configurationParameter("wasm.conformance.known-failures", "classpath:kf/wapc-concurrent.yaml")
                .selectors(selectClasspathResource(FILE))
                .execute().testEvents();
        events.assertThatEvents()
                .haveExactly(1, event(test("wrong-output"), abortedWithReason(instanceOf(KnownFailure.class),
                        message("known failure (kf/wapc-concurrent.yaml:6): several calls differ; message: 4 of 8"
                                + " calls failed"))))
                .haveExactly(1, event(test("wrong-instance-count"), abortedWithReason(instanceOf(KnownFailure.class),
                        message(m -> m.startsWith("known failure (kf/wapc-concurrent.yaml:9): the pool stays small;"
                                + " message: the pool of 3 created 1 (0 discarded")))))
                .haveExactly(1, event(test("pool-too-small"), finishedWithFailure(message(m -> m.startsWith(FILE
                        + ":38 case 'pool-too-small' (guest ../wat/wapc-mini.wasm, host chicory): known failure changed"
                        + " (kf/wapc-concurrent.yaml:12): expected a message starting \"the pool of 1 created\", got"
                        + " \"2 of 2 calls failed\"")))));
    }

    @Test
    void anAbiWithoutPoolsRejectsConcurrentCasesAtTheirLine() {
        EngineTestKit.engine(WasmConformanceEngine.ENGINE_ID)
                .configurationParameter("wasm.conformance.hosts", "chicory")
                .selectors(selectClasspathResource("wapc/not-pooled.yaml"))
                .execute().testEvents()
                .assertThatEvents().haveExactly(1, event(test("bad-abi"), finishedWithFailure(message(
                        "wapc/not-pooled.yaml:5: abi 'async-bridge' has no instance pool, so its cases cannot be"
                        + " concurrent; concurrent cases are for abi [wapc]"))));
    }
}
