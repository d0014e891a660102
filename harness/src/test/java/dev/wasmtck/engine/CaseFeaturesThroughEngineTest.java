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
}
