package dev.wasmtck.internal.cases;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmtck.internal.cases.Verdict.Kind;
import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.host.Outcome;
import dev.wasmtck.internal.msgpack.Payloads;
import dev.wasmtck.internal.yaml.YamlFiles;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The judge on its own: an expectation and what a call did in, a structured verdict out. */
class JudgeTest {

    private static byte[] payload(String yaml) {
        return Payloads.encode(YamlFiles.compose(yaml, "t.yaml").get(0));
    }

    private static Expectation output(String yaml) {
        return expect(new Expected.Output(Payloads.expectation(YamlFiles.compose(yaml, "t.yaml").get(0)), null));
    }

    private static Expectation expect(Expected result) {
        return new Expectation(result, null, null, null, Map.of(), null);
    }

    private static Verdict failing(Expectation e, Outcome outcome, GuestFault fault) {
        Optional<Verdict> v = Judge.judge(e, outcome, fault, null);
        assertThat(v).as("a verdict").isPresent();
        return v.get();
    }

    @Test
    void aMatchingOutputHasNoVerdict() {
        assertThat(Judge.judge(output("{a: 1}"), Outcome.of(payload("{a: 1}")), null, null)).isEmpty();
    }

    @Test
    void anOutputMismatchNamesThePathInsideThePayload() {
        Verdict v = failing(output("{a: {b: 1}}"), Outcome.of(payload("{a: {b: 2}}")), null);
        assertThat(v.kind()).isEqualTo(Kind.OUTPUT_MISMATCH);
        assertThat(v.path()).isEqualTo("$.a.b");
        assertThat(v.message()).isEqualTo("output differs at $.a.b: expected int 1 but was int 2");
        assertThat(v.kind().breakdown()).isFalse();
    }

    @Test
    void aFaultWhereAnOutputWasExpectedIsABreakdownCarryingTheFault() {
        GuestFault fault = new GuestFault(GuestFault.Kind.TIMEOUT, "did not complete within 1s");
        Verdict v = failing(output("1"), null, fault);
        assertThat(v.kind()).isEqualTo(Kind.UNEXPECTED_FAULT);
        assertThat(v.kind().breakdown()).isTrue();
        assertThat(v.message()).isEqualTo("the guest failed [timeout]: did not complete within 1s");
        assertThat(v.cause()).isSameAs(fault);
        assertThat(v.path()).isNull();
    }

    @Test
    void aFailureOfAnotherKindIsAWrongFailureWithBothSides() {
        Expectation e = expect(new Expected.Failure(GuestFault.Kind.TRAP, TextMatch.contains("boom"), null));
        Verdict v = failing(e, null, new GuestFault(GuestFault.Kind.TIMEOUT, "slow"));
        assertThat(v.kind()).isEqualTo(Kind.WRONG_FAILURE);
        assertThat(v.message()).isEqualTo("the call failed, but not as expected: expected [trap] with a message"
                + " containing \"boom\", got [timeout] slow");
        assertThat(v.expected()).isEqualTo("[trap] with a message containing \"boom\"");
        assertThat(v.actual()).isEqualTo("[timeout] slow");

        Verdict none = failing(e, Outcome.of(payload("7")), null);
        assertThat(none.kind()).isEqualTo(Kind.NOT_FAILED);
        assertThat(none.message()).endsWith("but it returned 7");
    }

    @Test
    void whatAFailedProgramLeftIsStillChecked() {
        Expectation e = new Expectation(new Expected.Failure(GuestFault.Kind.EXIT, null, null), null,
                TextMatch.contains("panic"), null, Map.of(), null);
        GuestFault exit = new GuestFault(GuestFault.Kind.EXIT, "the program exited with code 2");
        Verdict v = Judge.judge(e, null, exit, new Outcome(null, "", "all fine")).orElseThrow();
        assertThat(v.kind()).isEqualTo(Kind.STDERR_MISMATCH);
        assertThat(v.message()).isEqualTo("stderr is not containing \"panic\"");
        assertThat(Judge.judge(e, null, exit, new Outcome(null, "", "panic: x"))).isEmpty();
    }

    @Test
    void exitCodeGlobalsAndHostCallsEachHaveTheirKind() {
        Expectation exit = new Expectation(new Expected.Completes(null), null, null, 3, Map.of(), null);
        assertThat(failing(exit, new Outcome(null, "", "", 0, Map.of()), null).kind()).isEqualTo(Kind.EXIT_MISMATCH);

        Expectation global = new Expectation(new Expected.Completes(null), null, null, null,
                Map.of("g", Payloads.expectation(YamlFiles.compose("[1, 2]", "t.yaml").get(0))), null);
        assertThat(failing(global, Outcome.of(null), null).kind()).isEqualTo(Kind.GLOBAL_MISSING);
        Verdict differs = failing(global, new Outcome(null, "", "", null, Map.of("g", payload("[1, 3]"))), null);
        assertThat(differs.kind()).isEqualTo(Kind.GLOBAL_MISMATCH);
        assertThat(differs.path()).isEqualTo("$[1]");
        assertThat(differs.message()).startsWith("global 'g' differs at $[1]: ");

        Expectation calls = new Expectation(new Expected.Completes(null), null, null, null, Map.of(),
                Payloads.expectation(YamlFiles.compose("[]", "t.yaml").get(0)));
        assertThat(failing(calls, Outcome.of(null), null).kind()).isEqualTo(Kind.NO_HOST_CALLS);
    }

    @Test
    void aVerdictAboutOneCallKeepsTheCallInItsTextAndRendering() {
        Verdict v = failing(output("1"), Outcome.of(payload("2")), null).about("concurrent.calls[0] 'echo' (line 9)");
        assertThat(v.text()).isEqualTo("concurrent.calls[0] 'echo' (line 9): output differs at $: expected int 1 but"
                + " was int 2");
        assertThat(v.render("f.yaml:3 case 'c' (guest g, host h)")).isEqualTo("f.yaml:3 case 'c' (guest g, host h)"
                + " concurrent.calls[0] 'echo' (line 9): output differs at $: expected int 1 but was int 2");
        assertThat(v.about(null).render("W")).isEqualTo("W: output differs at $: expected int 1 but was int 2");
    }
}
