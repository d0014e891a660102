package dev.wasmtck.host.wapc;

import dev.wasmtck.host.pool.InstancePool;
import dev.wasmtck.host.GuestFault;
import dev.wasmtck.host.GuestFault.Kind;
import dev.wasmtck.host.PreparedGuest;
import dev.wasmtck.host.runtime.RuntimeAbiHost;
import dev.wasmtck.runtime.CompiledModule;
import dev.wasmtck.runtime.FunctionType;
import dev.wasmtck.runtime.ModuleShape;
import dev.wasmtck.runtime.ModuleShapes;
import dev.wasmtck.runtime.ValueType;
import dev.wasmtck.runtime.WasmRuntime;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reference waPC host, on any {@link WasmRuntime}. {@link #prepare} checks the module against the waPC import and
 * export set and compiles it once (a Go or TinyGo js/wasm module importing nothing from {@code wapc} goes to
 * fake waPC instead, decided as the structural rules decide); each run gets a fresh instance (a concurrent case, a pool of
 * them: {@link InstancePool}), initialised as wapc-go does
 * ({@code _start}, then {@code _initialize}, then {@code wapc_init}), with WASI preview1 giving it
 * no directory, captured stdout and stderr, clocks and random.
 */
public final class WapcHost extends RuntimeAbiHost {
    static final String WAPC = "wapc";
    private static final FunctionType I32_I32 = FunctionType.of(List.of(ValueType.I32, ValueType.I32), List.of());
    static final Map<String, FunctionType> IMPORTS = Map.of(
            "__guest_request", I32_I32,
            "__guest_response", I32_I32,
            "__guest_error", I32_I32,
            "__host_call", FunctionType.of(List.of(ValueType.I32, ValueType.I32, ValueType.I32, ValueType.I32, ValueType.I32,
                    ValueType.I32, ValueType.I32, ValueType.I32), List.of(ValueType.I32)),
            "__host_response_len", FunctionType.of(List.of(), List.of(ValueType.I32)),
            "__host_response", FunctionType.of(List.of(ValueType.I32), List.of()),
            "__host_error_len", FunctionType.of(List.of(), List.of(ValueType.I32)),
            "__host_error", FunctionType.of(List.of(ValueType.I32), List.of()),
            "__console_log", I32_I32);
    static final Set<String> WASI_MODULES = Set.of("wasi_snapshot_preview1", "wasi_unstable");

    public WapcHost(WasmRuntime runtime) {
        super(runtime, WapcAbi.NAME);
    }

    @Override
    protected PreparedGuest prepare(CompiledModule compiled) throws GuestFault {
        ModuleShape module = compiled.shape();
        if (dev.wasmtck.host.wasmexec.FakeWapc.isGoJs(ModuleShapes.of(module))) {
            // A Go js/wasm binary importing nothing from wapc speaks waPC through JS globals
            // (prep/wasmexec's "fake waPC"); TinyGo's -target wasm waPC guests import wapc and stay here.
            return dev.wasmtck.host.wasmexec.FakeWapc.prepare(compiled);
        }
        // The structural rules' own checks, so a module they accept is one this host links.
        List<String> problems = WapcModuleRules.problems(ModuleShapes.of(module));
        if (!problems.isEmpty()) {
            throw new GuestFault(Kind.LINK, problems.get(0));
        }
        return new PooledWapc(compiled);
    }
}
