package dev.wasmtck.internal.engine.execution;

import dev.wasmtck.internal.cases.CaseSource;
import dev.wasmtck.internal.cases.CallSpec;
import dev.wasmtck.internal.cases.CaseSpec;
import dev.wasmtck.internal.cases.Judge;
import dev.wasmtck.internal.cases.Verdict;
import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.host.Invocation;
import dev.wasmtck.host.Outcome;
import dev.wasmtck.host.PreparedGuest;
import dev.wasmtck.internal.runtime.GuestCalls;
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
            String problem = verdictOf(e).text();
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

    /** The verdict a failed run carries; anything else a host let through is judged by its own message. */
    private static Verdict verdictOf(Throwable e) {
        if (e instanceof Judged j) {
            return j.verdict();
        }
        return Verdict.of(Verdict.Kind.HOST_FAILED, String.valueOf(e.getMessage()), e);
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
            throw raise(who, Verdict.of(Verdict.Kind.GUEST_UNAVAILABLE, "guest unavailable: " + e.getMessage(), e));
        } catch (VirtualMachineError e) {
            throw raise(who, Verdict.of(Verdict.Kind.GUEST_UNAVAILABLE, "guest unavailable: "
                    + GuestCalls.fromError(e, "while loading the guest").getMessage(), e));
        }
        if (spec.concurrent() != null) {
            PreparedGuest pooled;
            try {
                pooled = services.prepare(target.host(), spec.abi(), module);
            } catch (GuestFault f) {
                throw raise(who, Judge.unexpected(f, f));
            } catch (VirtualMachineError e) {
                throw raise(who, Judge.unexpected(GuestCalls.fromError(e, "while preparing the guest"), e));
            }
            ConcurrentRun.run(who, spec, pooled);
            return;
        }
        CallSpec call = spec.call();
        Outcome outcome = null;
        GuestFault fault = null;
        Invocation invocation = new Invocation(spec.abi(), call.function(), call.input(), spec.settings(),
                spec.limits(), List.copyOf(call.expect().globals().keySet()));
        try {
            PreparedGuest guest = services.prepare(target.host(), spec.abi(), module);
            guest.notes(invocation).forEach(notes);
            outcome = guest.run(invocation);
        } catch (GuestFault f) {
            fault = f;
        } catch (VirtualMachineError e) {
            // The case boundary: whatever a host let through fails this case, judged like any fault.
            fault = GuestCalls.fromError(e, "while running the case");
        }
        SameAsCheck.Observed observed = SameAsCheck.Observed.of(outcome, fault);
        Outcome failedRun = null;
        if (outcome != null && call.expect().exit() == null && outcome.exitCode() != null && outcome.exitCode() != 0) {
            // An exit nobody expected is a failure of the run, judged like any other fault.
            fault = new GuestFault(GuestFault.Kind.EXIT, "the program exited with code " + outcome.exitCode()
                    + GuestFault.stderrTail(outcome.stderr()));
            failedRun = outcome;
            outcome = null;
        }
        Optional<Verdict> verdict = Judge.judge(call.expect(), outcome, fault, failedRun);
        if (verdict.isPresent()) {
            throw raise(who, verdict.get());
        }
        if (call.expect().sameAs() != null) {
            Optional<Verdict> differs = SameAsCheck.compare(services, who, KnownFailures.caseId(source, spec.id()), spec,
                    target, module, invocation, observed);
            if (differs.isPresent()) {
                throw raise(who, differs.get());
            }
        }
    }

    /**
     * The test failure of a verdict, after the run's header {@code who}: an error when the guest or host
     * broke down, else an assertion failure with the diff when the verdict has one.
     */
    static Throwable failure(String who, Verdict verdict) {
        return verdict.kind().breakdown() ? new CaseError(who, verdict) : CaseFailure.of(who, verdict);
    }

    /**
     * Throws {@link #failure}. Declared to return, so callers write {@code throw raise(...)} and the
     * compiler sees the flow end there.
     */
    public static RuntimeException raise(String who, Verdict verdict) {
        Throwable t = failure(who, verdict);
        if (t instanceof Error e) {
            throw e;
        }
        throw (RuntimeException) t;
    }

    /** A failure that carries its verdict, for known-failure lists to match on. */
    interface Judged {
        Verdict verdict();
    }

    /** The guest or host broke down where the case expected a result: an error, not an assertion failure. */
    public static final class CaseError extends RuntimeException implements Judged {
        private static final long serialVersionUID = 1L;
        private final transient Verdict verdict;

        private CaseError(String who, Verdict verdict) {
            super(verdict.render(who), verdict.cause(), true, false);
            this.verdict = verdict;
        }

        @Override
        public Verdict verdict() {
            return verdict;
        }
    }

    /** The guest answered, wrongly: an assertion failure, with the diff when the verdict has one. */
    static final class CaseFailure extends AssertionFailedError implements Judged {
        private static final long serialVersionUID = 1L;
        private final transient Verdict verdict;

        private CaseFailure(String message, Verdict verdict) {
            super(message, verdict.cause());
            this.verdict = verdict;
        }

        private CaseFailure(String message, Verdict verdict, String expected, String actual) {
            super(message, expected, actual, verdict.cause());
            this.verdict = verdict;
        }

        /** Without a diff when the verdict has neither side, as an IDE shows none then. */
        static CaseFailure of(String who, Verdict verdict) {
            return verdict.expected() == null && verdict.actual() == null
                    ? new CaseFailure(verdict.render(who), verdict)
                    : new CaseFailure(verdict.render(who), verdict, verdict.expected(), verdict.actual());
        }

        @Override
        public Verdict verdict() {
            return verdict;
        }
    }
}
