package dev.wasmtck.internal.cases;

import dev.wasmtck.internal.cases.Verdict.Kind;
import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.host.Outcome;
import dev.wasmtck.internal.msgpack.Mismatch;
import dev.wasmtck.internal.msgpack.Payloads;
import java.util.Map;
import java.util.Optional;

/** Judges what one call did against its {@link Expectation}: the first difference, as a {@link Verdict}. */
public final class Judge {
    private Judge() {}

    /**
     * @param outcome what the call returned, or null when it failed
     * @param fault how the call failed, or null
     * @param failedRun what a program that exited unexpectedly left behind (its stdout and stderr are
     *     still checked when the case expected that failure), else null
     * @return the first way the call differs from {@code expect}; empty when it meets it
     */
    public static Optional<Verdict> judge(Expectation expect, Outcome outcome, GuestFault fault, Outcome failedRun) {
        Optional<Verdict> result = result(expect.result(), outcome, fault);
        if (result.isPresent()) {
            return result;
        }
        // Output the failed program wrote is still worth checking (a panic message on stderr, say).
        Outcome seen = outcome != null ? outcome : failedRun;
        return seen == null ? Optional.empty() : observed(expect, seen);
    }

    /** The guest failed where it had to complete (or to prepare); {@code cause} is what the failure chains to. */
    public static Verdict unexpected(GuestFault fault, Throwable cause) {
        return Verdict.of(Kind.UNEXPECTED_FAULT,
                "the guest failed [" + fault.kind().label() + "]: " + fault.getMessage(), cause);
    }

    private static Optional<Verdict> result(Expected expected, Outcome outcome, GuestFault fault) {
        if (expected instanceof Expected.Completes || expected instanceof Expected.Output) {
            if (fault != null) {
                return Optional.of(unexpected(fault, fault));
            }
        }
        if (expected instanceof Expected.Output out) {
            if (outcome.output() == null) {
                return Optional.of(new Verdict(Kind.NO_OUTPUT, null, "expected an output, but the call produced none",
                        "an output", "none", null, null));
            }
            return out.payload().check(outcome.output()).map(m -> differs(Kind.OUTPUT_MISMATCH, "output differs ", m));
        }
        if (expected instanceof Expected.Failure failure) {
            if (fault == null) {
                String got = outcome.output() == null ? "completed" : "returned " + Payloads.render(outcome.output());
                return Optional.of(new Verdict(Kind.NOT_FAILED, null, "expected the call to fail (" + describe(failure)
                        + ") but it " + got, describe(failure), got, null, null));
            }
            boolean kindOk = failure.kind() == null || failure.kind() == fault.kind();
            boolean messageOk = failure.message() == null || failure.message().test(fault.getMessage());
            if (!kindOk || !messageOk) {
                String got = "[" + fault.kind().label() + "] " + fault.getMessage();
                return Optional.of(new Verdict(Kind.WRONG_FAILURE, null, "the call failed, but not as expected: expected "
                        + describe(failure) + ", got " + got, describe(failure), got, null, null));
            }
        }
        return Optional.empty();
    }

    /** What the call left to see: its exit code, stdout, stderr, host calls and globals. */
    private static Optional<Verdict> observed(Expectation expect, Outcome outcome) {
        if (expect.exit() != null && !expect.exit().equals(outcome.exitCode())) {
            String actual = outcome.exitCode() == null ? "still running (it did not exit)" : "exit " + outcome.exitCode();
            return Optional.of(new Verdict(Kind.EXIT_MISMATCH, null, "expected the program to exit with code "
                    + expect.exit() + ", but it is " + actual + GuestFault.stderrTail(outcome.stderr()),
                    "exit " + expect.exit(), actual, null, null));
        }
        Optional<Verdict> text = text(Kind.STDOUT_MISMATCH, "stdout", expect.stdout(), outcome.stdout())
                .or(() -> text(Kind.STDERR_MISMATCH, "stderr", expect.stderr(), outcome.stderr()));
        if (text.isPresent()) {
            return text;
        }
        if (expect.hostCalls() != null) {
            if (outcome.hostCalls() == null) {
                return Optional.of(Verdict.of(Kind.NO_HOST_CALLS, "expected host calls, but this ABI makes none", null));
            }
            Optional<Mismatch> m = expect.hostCalls().check(outcome.hostCalls());
            if (m.isPresent()) {
                return Optional.of(differs(Kind.HOST_CALLS_MISMATCH, "the guest's host calls differ ", m.get()));
            }
        }
        for (Map.Entry<String, dev.wasmtck.internal.msgpack.PayloadExpectation> g : expect.globals().entrySet()) {
            byte[] actual = outcome.globals().get(g.getKey());
            if (actual == null) {
                return Optional.of(Verdict.of(Kind.GLOBAL_MISSING, "the host did not report global '" + g.getKey() + "'",
                        null));
            }
            Optional<Mismatch> m = g.getValue().check(actual);
            if (m.isPresent()) {
                return Optional.of(differs(Kind.GLOBAL_MISMATCH, "global '" + g.getKey() + "' differs ", m.get()));
            }
        }
        return Optional.empty();
    }

    private static Verdict differs(Kind kind, String what, Mismatch m) {
        return new Verdict(kind, m.path(), what + m.message(), m.expectedText(), m.actualText(), null, null);
    }

    private static Optional<Verdict> text(Kind kind, String stream, TextMatch match, String actual) {
        if (match == null || match.test(actual)) {
            return Optional.empty();
        }
        return Optional.of(new Verdict(kind, null, stream + " is not " + match.describe(), match.text(), actual, null,
                null));
    }

    private static String describe(Expected.Failure f) {
        String kind = f.kind() == null ? "any error" : "[" + f.kind().label() + "]";
        return f.message() == null ? kind : kind + " with a message " + f.message().describe();
    }
}
