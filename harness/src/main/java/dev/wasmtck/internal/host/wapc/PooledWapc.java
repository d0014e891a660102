package dev.wasmtck.internal.host.wapc;

import dev.wasmtck.abi.wapc.WapcSettings;
import dev.wasmtck.abi.wapc.HostCalls;
import dev.wasmtck.internal.host.pool.WatchedGuestPool;
import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.host.Invocation;
import dev.wasmtck.runtime.Limits;
import dev.wasmtck.host.Outcome;
import dev.wasmtck.host.PooledGuest;
import dev.wasmtck.runtime.CompiledModule;

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
        HostCalls shared = new HostCalls(WapcSettings.of(settings));
        return new WatchedGuestPool<WapcRun>(size, limits, w -> {
            WapcRun instance = new WapcRun(module, template, shared.fresh());
            instance.open(w);
            return instance;
        }, WapcRun::pooledCall, instance -> {});
    }
}
