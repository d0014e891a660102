package dev.wasmtck.engine;

import dev.wasmtck.cases.CaseSource;
import dev.wasmtck.cases.CaseSpec;
import dev.wasmtck.cases.Expected;
import dev.wasmtck.cases.TextMatch;
import dev.wasmtck.host.GuestFault;
import dev.wasmtck.host.Invocation;
import dev.wasmtck.host.Outcome;
import dev.wasmtck.host.PreparedGuest;
import dev.wasmtck.msgpack.Mismatch;
import dev.wasmtck.msgpack.Payloads;
import java.util.Optional;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Runs one case on one target and judges the result. Every message starts with the case file
 * and line, the case id, the guest and the host, because in a CI log that is all a reader has.
 */
final class CaseRun {
    private CaseRun() {}

    static void run(KitServices services, CaseSource source, CaseSpec spec, Target target) throws Exception {
        String who = source.location() + ":" + spec.where().line() + " case '" + spec.id() + "' (guest "
                + target.guest().displayName() + ", host " + target.host().id() + ")";
        KitServices.Loaded module;
        try {
            module = services.load(target.guest(), source);
        } catch (TestAbortedException e) {
            // The reason leads (it starts "Docker not available" when that is why), then which case.
            throw new TestAbortedException(e.getMessage() + " [" + who + "]", e);
        } catch (Exception e) {
            throw new CaseError(who + ": guest unavailable: " + e.getMessage(), e);
        }
        Outcome outcome = null;
        GuestFault fault = null;
        try {
            PreparedGuest guest = services.prepare(target.host(), module);
            outcome = guest.run(new Invocation(spec.abi(), spec.function(), spec.input(), spec.settings(), spec.limits()));
        } catch (GuestFault f) {
            fault = f;
        }
        judge(who, spec, outcome, fault);
    }

    static void judge(String who, CaseSpec spec, Outcome outcome, GuestFault fault) {
        Expected expected = spec.expected();
        if (expected instanceof Expected.Output out) {
            if (fault != null) {
                throw new CaseError(who + ": the guest failed [" + fault.kind().label() + "]: " + fault.getMessage(), fault);
            }
            Optional<Mismatch> mismatch = out.payload().check(outcome.output());
            if (mismatch.isPresent()) {
                Mismatch m = mismatch.get();
                throw new AssertionFailedError(who + ": output differs " + m.message(), m.expectedText(), m.actualText());
            }
        } else if (expected instanceof Expected.Failure failure) {
            if (fault == null) {
                throw new AssertionFailedError(who + ": expected the call to fail ("
                        + describe(failure) + ") but it returned " + Payloads.render(outcome.output()),
                        describe(failure), "output " + Payloads.render(outcome.output()));
            }
            boolean kindOk = failure.kind() == null || failure.kind() == fault.kind();
            boolean messageOk = failure.message() == null || failure.message().test(fault.getMessage());
            if (!kindOk || !messageOk) {
                throw new AssertionFailedError(who + ": the call failed, but not as expected: expected "
                        + describe(failure) + ", got [" + fault.kind().label() + "] " + fault.getMessage(),
                        describe(failure), "[" + fault.kind().label() + "] " + fault.getMessage());
            }
        }
        if (outcome != null) {
            checkText(who, "stdout", spec.stdout(), outcome.stdout());
            checkText(who, "stderr", spec.stderr(), outcome.stderr());
        }
    }

    private static void checkText(String who, String stream, TextMatch match, String actual) {
        if (match != null && !match.test(actual)) {
            throw new AssertionFailedError(who + ": " + stream + " is not " + match.describe(), match.text(), actual);
        }
    }

    private static String describe(Expected.Failure f) {
        String kind = f.kind() == null ? "any error" : "[" + f.kind().label() + "]";
        return f.message() == null ? kind : kind + " with a message " + f.message().describe();
    }

    /** The guest or host broke down where the case expected a result: an error, not an assertion failure. */
    static final class CaseError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CaseError(String message, Throwable cause) {
            super(message, cause, true, false);
        }
    }
}
