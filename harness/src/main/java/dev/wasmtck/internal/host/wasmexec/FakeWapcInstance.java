package dev.wasmtck.internal.host.wasmexec;

import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.runtime.GuestFault.Kind;
import dev.wasmtck.runtime.Limits;
import dev.wasmtck.host.Outcome;
import dev.wasmtck.abi.wapc.HostCalls;
import dev.wasmtck.runtime.CompiledModule;
import dev.wasmtck.runtime.GuestInterrupts;
import dev.wasmtck.runtime.GuestThread;
import dev.wasmtck.internal.runtime.Watchdog;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One pooled fake-waPC instance: a Go js/wasm program on a serving thread of its own. The program
 * lives inside one Rhino top-level call on one thread, so the pool's callers cannot run it on theirs:
 * this thread owns the Rhino context and the event loop, takes one call at a time from a queue and
 * answers it. The pool hands the instance to one caller at a time.
 *
 * <p>Time is the caller's: its watchdog bounds each call (and the creation of the instance), and when
 * it fires the caller interrupts this thread, which stops the guest wherever it is; the call fails
 * as a timeout, so the pool discards the instance. A call that ends the program (a trap) ends the
 * thread with it. {@link #close} ends an idle instance's thread; all threads are daemons.
 */
final class FakeWapcInstance implements GoProgram.Server {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    /** How long closing waits for the thread to end before it interrupts it. */
    private static final long STOP_GRACE_MILLIS = 1000;

    /** One call; {@code exchange} collects its answer, host calls and output. */
    private record Request(String op, byte[] input, Watchdog watchdog, FakeWapc.Exchange exchange,
            CompletableFuture<Outcome> reply) {}

    /** Tells the thread to end the program and stop. */
    private static final Request STOP = new Request("", new byte[0], null, null, null);

    private final HostCalls hostCalls;
    private final GoProgram program;
    private final Thread thread;
    private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    /** Completes when main has settled and the instance serves calls; fails when it never will. */
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    /** Why the thread ended, once it has; guarded by {@code this}. */
    private GuestFault ended;

    // Used on the serving thread only (the first two are set before it starts).
    private Watchdog watchdog;
    private FakeWapc.Exchange current;
    private Request pending;

    private FakeWapcInstance(CompiledModule module, Limits limits, HostCalls hostCalls, Watchdog creator) {
        this.hostCalls = hostCalls;
        this.watchdog = creator;
        // Host calls and output of main belong to no call.
        this.current = new FakeWapc.Exchange(hostCalls.fresh());
        this.program = FakeWapc.program(module, limits, () -> current).serving(this);
        this.thread = new Thread(null, this::serveUntilStopped, "wasm-fake-wapc-" + COUNTER.incrementAndGet() + "-"
                + module.name(), GuestThread.STACK_BYTES);
        thread.setDaemon(true);
    }

    /**
     * Starts a program on a new serving thread and waits until its main has settled, under the
     * creating call's watchdog {@code w}.
     *
     * @param hostCalls the pool's host-call handlers (their barriers are shared by its instances)
     */
    static FakeWapcInstance start(CompiledModule module, Limits limits, HostCalls hostCalls, Watchdog w)
            throws GuestFault {
        FakeWapcInstance instance = new FakeWapcInstance(module, limits, hostCalls, w);
        instance.thread.start();
        try {
            instance.await(instance.ready, w, "main");
            return instance;
        } catch (GuestFault f) {
            instance.close();
            throw f;
        }
    }

    /** Calls the guest's {@code __guest_call(op, input)} on this instance's thread, under {@code w}. */
    Outcome call(Watchdog w, String op, byte[] input) throws GuestFault {
        Request r = new Request(op, input, w, new FakeWapc.Exchange(hostCalls.fresh()), new CompletableFuture<>());
        synchronized (this) {
            if (ended != null) {
                throw new GuestFault(ended.kind(), "the instance had already ended: " + ended.getMessage(), ended);
            }
            requests.add(r);
        }
        return await(r.reply, w, "__guest_call(\"" + op + "\")");
    }

    /** Ends the program and its thread: at once when idle, else by interrupting it after a grace period. */
    void close() {
        requests.add(STOP);
        try {
            thread.join(STOP_GRACE_MILLIS);
            if (thread.isAlive()) {
                GuestInterrupts.interrupt(thread);
                thread.join(STOP_GRACE_MILLIS);
            }
        } catch (InterruptedException e) {
            // The closing caller's own time is up; the daemon thread still ends once interrupted.
            GuestInterrupts.interrupt(thread);
            Thread.currentThread().interrupt();
        }
    }

    private <T> T await(CompletableFuture<T> answer, Watchdog w, String what) throws GuestFault {
        try {
            return answer.get();
        } catch (InterruptedException e) {
            // The call's time is up: stop the guest where it is. The fault makes the pool discard it.
            GuestInterrupts.interrupt(thread);
            throw new GuestFault(Kind.TIMEOUT, w.timeoutMessage() + " (while running " + what + ")", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GuestFault f) {
                throw f;
            }
            throw new GuestFault(Kind.HOST_ERROR, "the fake-waPC host failed: " + e.getCause(), e.getCause());
        }
    }

    /** The serving thread: runs the program, which calls {@link #serve} once main has settled. */
    private void serveUntilStopped() {
        GuestFault end;
        try {
            program.run("", List.of(), List.of());
            end = new GuestFault(Kind.HOST_ERROR, "the instance was closed");
        } catch (GuestFault f) {
            end = f;
        } catch (Throwable e) {
            end = new GuestFault(Kind.HOST_ERROR, "the fake-waPC host failed: " + e, e);
        }
        synchronized (this) {
            ended = end;
        }
        ready.completeExceptionally(end);
        if (pending != null) {
            pending.reply.completeExceptionally(pending.exchange.explain(end));
        }
        for (Request r; (r = requests.poll()) != null; ) {
            if (r != STOP) {
                r.reply.completeExceptionally(end);
            }
        }
    }

    @Override
    public Watchdog watchdog() {
        return watchdog;
    }

    @Override
    public void serve(GoProgram.Calls calls) throws GuestFault, InterruptedException {
        ready.complete(null);
        for (Request r; (r = requests.take()) != STOP; ) {
            watchdog = r.watchdog;
            current = r.exchange;
            pending = r;
            Outcome outcome;
            try {
                calls.call("__guest_call", List.of(r.op, r.input));
                outcome = current.outcome(r.op);
            } catch (GuestFault f) {
                // Faults that leave the program running (a guest error, no answer); the pool decides.
                pending = null;
                r.reply.completeExceptionally(f);
                continue;
            }
            pending = null;
            r.reply.complete(outcome);
        }
    }
}
