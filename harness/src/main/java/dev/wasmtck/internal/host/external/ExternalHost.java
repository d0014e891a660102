package dev.wasmtck.internal.host.external;

import dev.wasmtck.host.Capabilities;
import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.runtime.GuestFault.Kind;
import dev.wasmtck.host.GuestModule;
import dev.wasmtck.host.Host;
import dev.wasmtck.host.Invocation;
import dev.wasmtck.host.Outcome;
import dev.wasmtck.host.PreparedGuest;
import dev.wasmtck.internal.host.wapc.WapcAbi;
import dev.wasmtck.internal.host.wasmexec.FakeWapc;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.Semaphore;
import org.opentest4j.TestAbortedException;

/**
 * A host in another process, reached through the host protocol (docs/host-protocol.md). Adapter
 * processes are kept idle between cases and reused; one that failed in any way is killed, and the
 * next case starts a fresh one. Parallel cases each take a process of their own.
 */
public final class ExternalHost implements Host, AutoCloseable {
    private final AdapterSpec spec;
    private final Deque<AdapterProcess> idle = new ArrayDeque<>();
    /** Parallel cases share at most this many processes, so each does not compile every module anew. */
    private final Semaphore running = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()));
    private volatile Set<String> capabilities;
    /** Why the adapter could not start when {@link #capabilities()} asked; the next case reports it. */
    private volatile AdapterFailure startFailure;

    public ExternalHost(AdapterSpec spec) {
        this.spec = spec;
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "adapter-" + spec.id() + "-shutdown"));
    }

    @Override
    public String id() {
        return spec.id();
    }

    @Override
    public Set<String> abis() {
        return spec.abis();
    }

    /**
     * What the adapter's hello declares; asked of a first process, kept for the next case. An adapter
     * that cannot start declares nothing: its cases then fail with the reason, or skip where they
     * require a capability.
     */
    @Override
    public Set<String> capabilities() {
        if (capabilities == null) {
            try {
                AdapterProcess p = borrow();
                giveBack(p);
            } catch (AdapterFailure e) {
                startFailure = e;
                return Set.of();
            }
        }
        return capabilities;
    }

    public AdapterSpec spec() {
        return spec;
    }

    @Override
    public PreparedGuest prepare(GuestModule module) throws GuestFault {
        throw new GuestFault(Kind.LINK, "host " + id() + " needs the abi to prepare a module");
    }

    @Override
    public PreparedGuest prepare(GuestModule module, String abi) throws GuestFault {
        if (!spec.abis().contains(abi)) {
            throw new GuestFault(Kind.LINK, "host " + id() + " does not implement abi '" + abi + "'");
        }
        if (abi.equals(WapcAbi.NAME) && FakeWapc.isGoJs(module.shape())
                && !capabilities().contains(Capabilities.WAPC_FAKE_OVER_WASM_EXEC)) {
            // As a case's requires: would: the guest needs what the host lacks, so the target is not run.
            throw new TestAbortedException("host " + id() + " lacks capability '" + Capabilities.WAPC_FAKE_OVER_WASM_EXEC
                    + "' that guest " + module.name() + " needs: a Go js/wasm guest speaks waPC only over wasm_exec");
        }
        return new ExternalGuest(this, module.name(), abi, module.wasm());
    }

    Outcome call(ExternalGuest guest, Invocation invocation, KitCallbacks callbacks) throws GuestFault {
        AdapterFailure failedStart = startFailure;
        if (failedStart != null) {
            startFailure = null;
            throw failedStart;
        }
        try {
            running.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdapterFailure("interrupted while waiting for a free process of host " + id());
        }
        try {
            return callOnProcess(guest, invocation, callbacks);
        } finally {
            running.release();
        }
    }

    private Outcome callOnProcess(ExternalGuest guest, Invocation invocation, KitCallbacks callbacks) throws GuestFault {
        AdapterProcess p = borrow();
        try {
            Outcome outcome = p.call(guest, invocation, callbacks.settings(), callbacks);
            giveBack(p);
            return outcome;
        } catch (GuestFault | TestAbortedException f) {
            // A guest fault or a module the adapter does not serve leaves the process fit to serve (each call
            // has its own instance); a timeout does not (then the process is no longer usable).
            giveBack(p);
            throw f;
        } catch (RuntimeException e) {
            p.kill();
            throw e;
        }
    }

    /** A process for a pool's whole life (one of the parallel-case permits too); give it back with {@link #endLoan}. */
    AdapterProcess lend() {
        try {
            running.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdapterFailure("interrupted while waiting for a free process of host " + id());
        }
        try {
            return borrow();
        } catch (RuntimeException e) {
            running.release();
            throw e;
        }
    }

    void endLoan(AdapterProcess p) {
        giveBack(p);
        running.release();
    }

    private AdapterProcess borrow() {
        synchronized (idle) {
            while (!idle.isEmpty()) {
                AdapterProcess p = idle.pop();
                if (p.usable()) {
                    return p;
                }
            }
        }
        AdapterProcess p = AdapterProcess.start(spec);
        capabilities = p.capabilities();
        return p;
    }

    private void giveBack(AdapterProcess p) {
        if (!p.usable()) {
            return;
        }
        synchronized (idle) {
            idle.push(p);
        }
    }

    @Override
    public void close() {
        synchronized (idle) {
            idle.forEach(AdapterProcess::close);
            idle.clear();
        }
    }

    @Override
    public String toString() {
        return "ExternalHost[" + spec.describe() + "]";
    }
}
