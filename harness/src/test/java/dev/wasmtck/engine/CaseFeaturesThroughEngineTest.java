package dev.wasmtck.engine;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathResource;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * The case features of issue 10 part 6 through the engine and the reference hosts on WAT guests:
 * computed host-call answers, the new matchers, loose host-call lists and separate time limits.
 * Each feature has a passing case and a failing one whose message is checked here.
 */
class CaseFeaturesThroughEngineTest {

    private static Events run(String file) {
        return EngineTestKit.engine(WasmConformanceEngine.ENGINE_ID)
                .configurationParameter("wasm.conformance.hosts", "chicory")
                .selectors(selectClasspathResource(file))
                .execute().testEvents();
    }

    @Test
    void wapcTemplatesMatchersAndHostCallLists() {
        String file = "case-features/wapc.yaml";
        String who = " (guest ../wat/wapc-mini.wasm, host chicory): ";
        Events events = run(file);
        events.assertThatEvents()
                .haveExactly(1, event(test("template-greets"), finishedSuccessfully()))
                .haveExactly(1, event(test("template-upper-and-names"), finishedSuccessfully()))
                .haveExactly(1, event(test("template-passes-binary"), finishedSuccessfully()))
                .haveExactly(1, event(test("template-upper-needs-text"), finishedSuccessfully()))
                .haveExactly(1, event(test("template-answer-differs"), finishedWithFailure(message(
                        file + ":38 case 'template-answer-differs'" + who + "output differs at $: expected text"
                        + " \"Hello World!\" but was \"Hello world!\" (first difference at byte 6)"))))
                .haveExactly(1, event(test("template-unknown-field"), finishedWithFailure(message(m -> m.startsWith(
                        file + ":46: template field {body} is unknown; fields here are [payload, operation,"
                        + " namespace, binding]")))))
                .haveExactly(1, event(test("matchers-in-output"), finishedSuccessfully()))
                .haveExactly(1, event(test("matchers-in-output-fail"), finishedWithFailure(message(m -> m.startsWith(
                        file + ":53 case 'matchers-in-output-fail'" + who + "output differs at $.b: expected one of"
                        + " [!type str, !type bin] but was int 2, which matches none of them: (1) !type str: expected"
                        + " any str but was int 2; (2) !type bin: expected any bin but was int 2")))))
                .haveExactly(1, event(test("host-calls-any-order"), finishedSuccessfully()))
                .haveExactly(1, event(test("host-calls-contains"), finishedSuccessfully()))
                .haveExactly(1, event(test("host-calls-contains-missing"), finishedWithFailure(message(m ->
                        m.startsWith(file + ":72 case 'host-calls-contains-missing'" + who)
                        && m.contains("!contains: expected item [0] {binding: \"b\", namespace: \"n\", operation:"
                                + " \"p\", payload: !any} has no partner among the 2 actual items: [0] at $[0].binding:"
                                + " expected str \"b\" but was str \"n\"; [1] at $[1].operation: expected str \"p\""
                                + " but was str \"o\"")))))
                .haveExactly(1, event(test("host-calls-any-order-extra"), finishedWithFailure(message(m ->
                        m.contains("!any-order: actual item [0] {binding: \"n\", namespace: \"init\", operation:"
                                + " \"init\", payload: !bin \"696e6974\"} matches no expected item (array length 2,"
                                + " expected 1)")))));
        events.assertStatistics(s -> s.started(12).succeeded(7).failed(5));
    }

    @Test
    void initialisationAndCallHaveTheirOwnTimeLimitsOnEveryHost() {
        String file = "case-features/limits.yaml";
        Events events = run(file);
        events.assertThatEvents()
                .haveExactly(1, event(test("wapc-slow-init-own-limit"), finishedSuccessfully()))
                .haveExactly(1, event(test("wapc-slow-init-one-limit"), finishedWithFailure(message(
                        file + ":12 case 'wapc-slow-init-one-limit' (guest ../wat/slow-init-wapc.wasm, host chicory):"
                        + " the guest failed [timeout]: did not complete within 600ms (stopped while running"
                        + " wapc_init)"))))
                .haveExactly(1, event(test("bridge-slow-init-own-limit"), finishedSuccessfully()))
                .haveExactly(1, event(test("bridge-slow-init-beyond-init-timeout"), finishedWithFailure(message(m ->
                        m.contains("[timeout]: initialisation did not complete within 200ms (the case's init-timeout)")))))
                .haveExactly(1, event(test("wasm-exec-slow-init-own-limit"), finishedSuccessfully()))
                .haveExactly(1, event(test("wasm-exec-slow-init-beyond-init-timeout"), finishedWithFailure(message(m ->
                        m.contains("[timeout]: initialisation did not complete within 200ms (the case's init-timeout)")))))
                .haveExactly(1, event(test("wapc-pooled-slow-init-own-limit"), finishedSuccessfully()))
                .haveExactly(1, event(test("wapc-pooled-slow-init-beyond-init-timeout"), finishedWithFailure(message(
                        m -> m.contains("[timeout]: initialisation did not complete within 200ms (the case's"
                                + " init-timeout)")))))
                // After initialisation under its own limit, the call has the case's timeout, not what is left.
                .haveExactly(1, event(test("bridge-slow-call-after-init"), finishedWithFailure(message(m ->
                        m.contains("[timeout]: did not complete within 600ms: still waiting for get #1")))))
                .haveExactly(1, event(test("wasm-exec-slow-call-after-init"), finishedWithFailure(message(m ->
                        m.contains("[timeout]: did not complete within 600ms (while running slow)")))))
                .haveExactly(1, event(test("bad-init-timeout"), finishedWithFailure(message(m -> m.startsWith(
                        file + ":84: init-timeout must be positive")))));
        events.assertStatistics(s -> s.started(11).succeeded(4).failed(7));
    }
}
