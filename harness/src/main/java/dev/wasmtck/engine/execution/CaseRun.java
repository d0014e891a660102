package dev.wasmtck.engine.execution;

import dev.wasmtck.engine.execution.KnownFailure;
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
import dev.wasmtck.runtime.GuestCalls;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.reporting.ReportEntry;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Runs one case on one target and judges the result. Every message starts with the case file
 * and line, the case id, the guest and the host, because in a CI log that is all a reader has.
 */
public final class CaseRun {
    private CaseRun() {}

    /** The header every message of a run starts with, followed by {@code ": "}. */
    public static String who(CaseSource source, CaseSpec spec, Target target) {
        return source.location() + ":" + spec.where().line() + " case '" + spec.id() + "' (guest "
                + target.guest().displayName() + ", host " + target.host().id() + ")";
    }

    /**
     * Runs a case and judges the result against the known-failure lists: a listed failure with the
     * expected message becomes a {@link KnownFailure}; a listed case that passes, or fails otherwise, fails.
     * The host's notes on the run become report entries of {@code node}.
     */
    public static void run(RunContext context, TestDescriptor node, CaseSource source, CaseSpec spec, Target target)
            throws Exception {
        Consumer<String> notes = note -> context.listener().reportingEntryPublished(node, ReportEntry.from("note", note));
        Optional<KnownFailures.Entry> listed = context.knownFailures().match(KnownFailures.caseId(source, spec.id()), target);
        if (listed.isEmpty()) {
            run(context.services(), source, spec, target, notes);
            return;
        }
        KnownFailures.Entry entry = listed.get();
        String who = who(source, spec, target);
        if (entry.unstable()) {
            throw new TestAbortedException(who + ": not run: listed as unstable on host " + target.host().id() + " ("
                    + entry.where() + "): " + entry.reason());
        }
        try {
            run(context.services(), source, spec, target, notes);
        } catch (TestAbortedException e) {
            throw e;
        } catch (Exception | AssertionError e) {
            String message = String.valueOf(e.getMessage());
            String problem = message.startsWith(who + ": ") ? message.substring(who.length() + 2) : message;
            if (problem.startsWith(entry.message())) {
                throw new KnownFailure("known failure (" + entry.where() + "): " + entry.reason() + "; message: "
                        + firstLine(problem), e);
            }
            AssertionFailedError changed = new AssertionFailedError(who + ": known failure changed (" + entry.where()
                    + "): expected a message starting \"" + entry.message() + "\", got \"" + firstLine(problem) + "\"",
                    entry.message(), problem);
            changed.addSuppressed(e);
            throw changed;
        }
        throw new AssertionFailedError(who + ": stale known-failure entry (" + entry.where() + "): the case passed on host "
                + target.host().id() + "; remove the entry");
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl >= 0 ? text.substring(0, nl) : text;
    }

    public static void run(KitServices services, CaseSource source, CaseSpec spec, Target target, Consumer<String> notes)
            throws Exception {
        String who = who(source, spec, target);
        KitServices.Loaded module;
        try {
            module = services.load(target.guest(), source);
        } catch (TestAbortedException e) {
            // The reason leads (it starts "Docker not available" when that is why), then which case.
            throw new TestAbortedException(e.getMessage() + " [" + who + "]", e);
        } catch (Exception e) {
            throw new CaseError(who + ": guest unavailable: " + e.getMessage(), e);
        } catch (VirtualMachineError e) {
            throw new CaseError(who + ": guest unavailable: " + GuestCalls.fromError(e, "while loading the guest")
                    .getMessage(), e);
        }
        if (spec.concurrent() != null) {
            PreparedGuest pooled;
            try {
                pooled = services.prepare(target.host(), spec.abi(), module);
            } catch (GuestFault f) {
                throw new CaseError(who + ": the guest failed [" + f.kind().label() + "]: " + f.getMessage(), f);
            } catch (VirtualMachineError e) {
                GuestFault f = GuestCalls.fromError(e, "while preparing the guest");
                throw new CaseError(who + ": the guest failed [" + f.kind().label() + "]: " + f.getMessage(), e);
            }
            ConcurrentRun.run(who, spec, pooled);
            return;
        }
        Outcome outcome = null;
        GuestFault fault = null;
        try {
            PreparedGuest guest = services.prepare(target.host(), spec.abi(), module);
            Invocation invocation = new Invocation(spec.abi(), spec.function(), spec.input(), spec.settings(),
                    spec.limits(), List.copyOf(spec.globals().keySet()));
            guest.notes(invocation).forEach(notes);
            outcome = guest.run(invocation);
        } catch (GuestFault f) {
            fault = f;
        } catch (VirtualMachineError e) {
            // The case boundary: whatever a host let through fails this case, judged like any fault.
            fault = GuestCalls.fromError(e, "while running the case");
        }
        if (outcome != null && spec.exit() == null && outcome.exitCode() != null && outcome.exitCode() != 0) {
            // An exit nobody expected is a failure of the run, judged like any other fault.
            fault = new GuestFault(GuestFault.Kind.EXIT, "the program exited with code " + outcome.exitCode()
                    + GuestFault.stderrTail(outcome.stderr()));
            judge(who, spec, null, fault, outcome);
            return;
        }
        judge(who, spec, outcome, fault, null);
    }

    /**
     * @param failedRun what a program that exited unexpectedly left behind (its stdout and stderr are
     *     still checked when the case expected that failure), else null
     */
    public static void judge(String who, CaseSpec spec, Outcome outcome, GuestFault fault, Outcome failedRun) {
        Expected expected = spec.expected();
        if (expected instanceof Expected.Completes) {
            if (fault != null) {
                throw new CaseError(who + ": the guest failed [" + fault.kind().label() + "]: " + fault.getMessage(), fault);
            }
        } else if (expected instanceof Expected.Output out) {
            if (fault != null) {
                throw new CaseError(who + ": the guest failed [" + fault.kind().label() + "]: " + fault.getMessage(), fault);
            }
            if (outcome.output() == null) {
                throw new AssertionFailedError(who + ": expected an output, but the call produced none", "an output",
                        "none");
            }
            Optional<Mismatch> mismatch = out.payload().check(outcome.output());
            if (mismatch.isPresent()) {
                Mismatch m = mismatch.get();
                throw new AssertionFailedError(who + ": output differs " + m.message(), m.expectedText(), m.actualText());
            }
        } else if (expected instanceof Expected.Failure failure) {
            if (fault == null) {
                String got = outcome.output() == null ? "completed" : "returned " + Payloads.render(outcome.output());
                throw new AssertionFailedError(who + ": expected the call to fail (" + describe(failure) + ") but it "
                        + got, describe(failure), got);
            }
            boolean kindOk = failure.kind() == null || failure.kind() == fault.kind();
            boolean messageOk = failure.message() == null || failure.message().test(fault.getMessage());
            if (!kindOk || !messageOk) {
                throw new AssertionFailedError(who + ": the call failed, but not as expected: expected "
                        + describe(failure) + ", got [" + fault.kind().label() + "] " + fault.getMessage(),
                        describe(failure), "[" + fault.kind().label() + "] " + fault.getMessage());
            }
        }
        if (outcome == null) {
            // Output the failed program wrote is still worth checking (a panic message on stderr, say).
            outcome = failedRun;
        }
        if (outcome != null) {
            if (spec.exit() != null && !spec.exit().equals(outcome.exitCode())) {
                String actual = outcome.exitCode() == null ? "still running (it did not exit)"
                        : "exit " + outcome.exitCode();
                throw new AssertionFailedError(who + ": expected the program to exit with code " + spec.exit()
                        + ", but it is " + actual + GuestFault.stderrTail(outcome.stderr()), "exit " + spec.exit(), actual);
            }
            checkText(who, "stdout", spec.stdout(), outcome.stdout());
            checkText(who, "stderr", spec.stderr(), outcome.stderr());
            if (spec.hostCalls() != null) {
                if (outcome.hostCalls() == null) {
                    throw new AssertionFailedError(who + ": expected host calls, but this ABI makes none");
                }
                Optional<Mismatch> mismatch = spec.hostCalls().check(outcome.hostCalls());
                if (mismatch.isPresent()) {
                    Mismatch m = mismatch.get();
                    throw new AssertionFailedError(who + ": the guest's host calls differ " + m.message(),
                            m.expectedText(), m.actualText());
                }
            }
            for (var g : spec.globals().entrySet()) {
                byte[] actual = outcome.globals().get(g.getKey());
                if (actual == null) {
                    throw new AssertionFailedError(who + ": the host did not report global '" + g.getKey() + "'");
                }
                Optional<Mismatch> mismatch = g.getValue().check(actual);
                if (mismatch.isPresent()) {
                    Mismatch m = mismatch.get();
                    throw new AssertionFailedError(who + ": global '" + g.getKey() + "' differs " + m.message(),
                            m.expectedText(), m.actualText());
                }
            }
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
    public static final class CaseError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public CaseError(String message, Throwable cause) {
            super(message, cause, true, false);
        }
    }
}
