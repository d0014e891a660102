package dev.wasmtck.internal.engine.execution;

import dev.wasmtck.internal.cases.CallSpec;
import dev.wasmtck.internal.cases.CaseSpec;
import dev.wasmtck.internal.cases.Concurrency;
import dev.wasmtck.internal.cases.Judge;
import dev.wasmtck.internal.cases.Verdict;
import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.host.Outcome;
import dev.wasmtck.host.PooledGuest;
import dev.wasmtck.host.PreparedGuest;
import dev.wasmtck.internal.runtime.GuestCalls;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Runs a concurrent case: {@code callers} threads make their calls at once against one pool, then
 * every call is judged on its own, as if it were a case, so a failure names the call (its index in
 * {@code concurrent.calls} and line, its operation, the caller and the round).
 */
public final class ConcurrentRun {
    /** How many failed calls a failure message lists before it just counts the rest. */
    private static final int LISTED = 5;

    private ConcurrentRun() {}

    private record Result(int caller, int round, int index, CallSpec call, Outcome outcome, GuestFault fault,
            RuntimeException broke) {}

    static void run(String who, CaseSpec spec, PreparedGuest prepared) throws Exception {
        Concurrency c = spec.concurrent();
        if (!(prepared instanceof PooledGuest pooled)) {
            // A host may say why in its prepared guest's toString; the default one says nothing useful.
            String why = prepared.toString();
            if (why.startsWith(prepared.getClass().getName() + "@")) {
                why = prepared.getClass().getSimpleName();
            }
            throw new TestAbortedException(who + ": concurrent case not run: the host has no instance pool for this"
                    + " guest (" + why + ")");
        }
        List<Result> results = new ArrayList<>();
        PooledGuest.Stats stats;
        try (PooledGuest.GuestPool pool = pooled.pool(c.pool(), spec.settings(), spec.limits())) {
            List<Thread> threads = new ArrayList<>();
            for (int caller = 1; caller <= c.callers(); caller++) {
                int me = caller;
                // Wasm calls nest on the JVM stack, so callers get room as guest threads do.
                Thread t = new Thread(null, () -> callerLoop(pool, c, me, results), "wasm-caller-" + me, 64L << 20);
                t.setDaemon(true);
                threads.add(t);
            }
            threads.forEach(Thread::start);
            // Every call is bounded by the case timeout (waiting for an instance included); the slack is
            // for a host that ignores its own limit, which must not hang the run.
            long deadline = System.nanoTime() + spec.limits().callBound().toNanos() * c.rounds() * c.calls().size()
                    + TimeUnit.SECONDS.toNanos(30);
            for (Thread t : threads) {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                if (t.isAlive()) {
                    threads.forEach(Thread::interrupt);
                    throw CaseRun.raise(who, Verdict.of(Verdict.Kind.CALLERS_STUCK, "the callers did not finish;"
                            + " the host ignored the case's time limit of " + spec.limits().timeout(), null));
                }
            }
            stats = pool.stats();
        }
        List<Result> sorted;
        synchronized (results) {
            sorted = new ArrayList<>(results);
        }
        sorted.sort((a, b) -> a.caller != b.caller ? Integer.compare(a.caller, b.caller)
                : a.round != b.round ? Integer.compare(a.round, b.round)
                : Integer.compare(a.index, b.index));
        List<Verdict> failures = new ArrayList<>();
        for (Result r : sorted) {
            String subject = "concurrent.calls[" + r.index + "] '" + r.call.function() + "' (line "
                    + r.call.where().line() + ", caller " + r.caller + " of " + c.callers()
                    + (c.rounds() > 1 ? ", round " + r.round + " of " + c.rounds() : "") + ")";
            Optional<Verdict> verdict = r.broke != null
                    ? Optional.of(Verdict.of(Verdict.Kind.HOST_FAILED, "the host failed: " + r.broke, r.broke))
                    : Judge.judge(r.call.expect(), r.outcome, r.fault, null);
            verdict.ifPresent(v -> failures.add(v.about(subject)));
        }
        int expected = c.callers() * c.rounds() * c.calls().size();
        if (failures.size() == 1 && sorted.size() == expected) {
            throw CaseRun.raise(who, failures.get(0));
        }
        if (!failures.isEmpty() || sorted.size() != expected) {
            throw failure(who, failures, sorted.size(), expected);
        }
        if (c.instances() != null && !c.instances().contains(stats.created())) {
            String actual = stats.created() + " (" + stats.discarded() + " discarded, at most " + stats.peakBusy()
                    + " busy at once)";
            throw CaseRun.raise(who, new Verdict(Verdict.Kind.INSTANCES, null, "the pool of " + c.pool() + " created "
                    + actual + " instances, expected " + c.instances().describe(), c.instances().describe(),
                    String.valueOf(stats.created()), null, null));
        }
    }

    private static void callerLoop(PooledGuest.GuestPool pool, Concurrency c, int caller, List<Result> results) {
        for (int round = 1; round <= c.rounds(); round++) {
            for (int index = 0; index < c.calls().size(); index++) {
                CallSpec call = c.calls().get(index);
                Result r;
                try {
                    r = new Result(caller, round, index, call, pool.call(call.function(), call.input()), null, null);
                } catch (GuestFault f) {
                    r = new Result(caller, round, index, call, null, f, null);
                } catch (RuntimeException e) {
                    r = new Result(caller, round, index, call, null, null, e);
                } catch (VirtualMachineError e) {
                    // As at a case's boundary: the call fails, judged like any fault, and the caller goes on.
                    r = new Result(caller, round, index, call, null, GuestCalls.fromError(e, "while serving the call"),
                            null);
                }
                synchronized (results) {
                    results.add(r);
                }
            }
        }
    }

    /** Several failed calls (or missing ones) as one failure listing the first few, each as it would fail alone. */
    private static AssertionFailedError failure(String who, List<Verdict> failures, int made, int expected) {
        StringBuilder sb = new StringBuilder(failures.size() + " of " + expected + " calls failed");
        if (made != expected) {
            sb.append(" (and ").append(expected - made).append(" were never made)");
        }
        List<Throwable> listed = new ArrayList<>();
        for (Verdict v : failures.subList(0, Math.min(LISTED, failures.size()))) {
            Throwable t = CaseRun.failure(who, v);
            listed.add(t);
            sb.append("\n  ").append(t.getMessage());
        }
        if (failures.size() > LISTED) {
            sb.append("\n  ... and ").append(failures.size() - LISTED).append(" more");
        }
        Verdict all = Verdict.of(Verdict.Kind.CALLS_FAILED, sb.toString(), listed.isEmpty() ? null : listed.get(0));
        AssertionFailedError e = CaseRun.CaseFailure.of(who, all);
        listed.stream().skip(1).forEach(e::addSuppressed);
        return e;
    }
}
