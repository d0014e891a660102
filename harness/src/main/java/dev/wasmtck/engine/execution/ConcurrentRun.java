package dev.wasmtck.engine.execution;

import dev.wasmtck.cases.CaseSpec;
import dev.wasmtck.cases.Concurrency;
import dev.wasmtck.host.GuestFault;
import dev.wasmtck.host.Outcome;
import dev.wasmtck.host.PooledGuest;
import dev.wasmtck.host.PreparedGuest;
import dev.wasmtck.runtime.GuestCalls;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    private record Result(int caller, int round, Concurrency.Call call, Outcome outcome, GuestFault fault,
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
                    throw new CaseRun.CaseError(who + ": the callers did not finish; the host ignored the case's"
                            + " time limit of " + spec.limits().timeout(), null);
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
                : Integer.compare(a.call.index(), b.call.index()));
        List<Throwable> failures = new ArrayList<>();
        for (Result r : sorted) {
            String callWho = who + " concurrent.calls[" + r.call.index() + "] '" + r.call.function() + "' (line "
                    + r.call.where().line() + ", caller " + r.caller + " of " + c.callers()
                    + (c.rounds() > 1 ? ", round " + r.round + " of " + c.rounds() : "") + ")";
            try {
                if (r.broke != null) {
                    throw new CaseRun.CaseError(callWho + ": the host failed: " + r.broke, r.broke);
                }
                CaseRun.judge(callWho, callSpec(spec, r.call), r.outcome, r.fault, null);
            } catch (AssertionError | CaseRun.CaseError e) {
                failures.add(e);
            }
        }
        int expected = c.callers() * c.rounds() * c.calls().size();
        if (!failures.isEmpty() || sorted.size() != expected) {
            Throwable f = failure(who, failures, sorted.size(), expected);
            if (f instanceof Error e) {
                throw e;
            }
            throw (RuntimeException) f;
        }
        if (c.instances() != null && !c.instances().contains(stats.created())) {
            String actual = stats.created() + " (" + stats.discarded() + " discarded, at most " + stats.peakBusy()
                    + " busy at once)";
            throw new AssertionFailedError(who + ": the pool of " + c.pool() + " created " + actual
                    + " instances, expected " + c.instances().describe(), c.instances().describe(),
                    String.valueOf(stats.created()));
        }
    }

    private static void callerLoop(PooledGuest.GuestPool pool, Concurrency c, int caller, List<Result> results) {
        for (int round = 1; round <= c.rounds(); round++) {
            for (Concurrency.Call call : c.calls()) {
                Result r;
                try {
                    r = new Result(caller, round, call, pool.call(call.function(), call.input()), null, null);
                } catch (GuestFault f) {
                    r = new Result(caller, round, call, null, f, null);
                } catch (RuntimeException e) {
                    r = new Result(caller, round, call, null, null, e);
                } catch (VirtualMachineError e) {
                    // As at a case's boundary: the call fails, judged like any fault, and the caller goes on.
                    r = new Result(caller, round, call, null, GuestCalls.fromError(e, "while serving the call"), null);
                }
                synchronized (results) {
                    results.add(r);
                }
            }
        }
    }

    /** The call as a case of its own, so {@link CaseRun#judge} applies unchanged. */
    private static CaseSpec callSpec(CaseSpec spec, Concurrency.Call call) {
        return new CaseSpec(spec.id(), spec.name(), call.where(), spec.abi(), call.function(), call.input(),
                spec.settings(), call.expected(), call.stdout(), call.stderr(), null, Map.of(), call.hostCalls(),
                spec.guests(), spec.tags(), spec.level(), spec.requires(), spec.limits(), null, null, null);
    }

    private static Throwable failure(String who, List<Throwable> failures, int made, int expected) {
        if (failures.size() == 1 && made == expected) {
            return failures.get(0);
        }
        StringBuilder sb = new StringBuilder(who + ": " + failures.size() + " of " + expected + " calls failed");
        if (made != expected) {
            sb.append(" (and ").append(expected - made).append(" were never made)");
        }
        for (int i = 0; i < Math.min(LISTED, failures.size()); i++) {
            sb.append("\n  ").append(failures.get(i).getMessage());
        }
        if (failures.size() > LISTED) {
            sb.append("\n  ... and ").append(failures.size() - LISTED).append(" more");
        }
        AssertionFailedError e = new AssertionFailedError(sb.toString(), failures.isEmpty() ? null : failures.get(0));
        failures.stream().skip(1).limit(LISTED - 1).forEach(e::addSuppressed);
        return e;
    }
}
