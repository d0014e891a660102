package dev.wasmtck.host.wapc;

import dev.wasmtck.host.GuestFault;
import dev.wasmtck.host.Invocation;
import dev.wasmtck.host.Limits;
import dev.wasmtck.host.Outcome;
import dev.wasmtck.host.PooledGuest;
import dev.wasmtck.runtime.CompiledModule;
import dev.wasmtck.runtime.Watchdog;

/** A compiled waPC module: one fresh instance per case, or a pool of them for a concurrent case. */
final class PooledWapc implements PooledGuest {
    private final CompiledModule module;

    PooledWapc(CompiledModule module) {
        this.module = module;
    }

    @Override
    public Outcome run(Invocation invocation) throws GuestFault {
        return new WapcRun(module, invocation).run();
    }

    @Override
    public GuestPool pool(int size, Object settings, Limits limits) {
        Invocation template = new Invocation(WapcAbi.NAME, "", new byte[0], settings, limits);
        HostCalls shared = new HostCalls(settings);
        InstancePool<WapcRun> pool = new InstancePool<>(size);
        return new GuestPool() {
            @Override
            public Outcome call(String function, byte[] input) throws GuestFault {
                try (Watchdog w = Watchdog.start(limits.timeout())) {
                    return pool.use(() -> {
                        WapcRun instance = new WapcRun(module, template, shared.fresh());
                        w.beginInitialisation(limits);
                        instance.open(w);
                        w.beginCall(limits);
                        return instance;
                    }, instance -> instance.pooledCall(w, function, input));
                }
            }

            @Override
            public Stats stats() {
                return pool.stats();
            }

            @Override
            public void close() {
                pool.close();
            }
        };
    }
}
