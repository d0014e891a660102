package dev.wasmtck.internal.host.wapc;

import dev.wasmtck.internal.host.pool.InstancePool;
import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.host.ModuleRules;
import dev.wasmtck.host.PreparedGuest;
import dev.wasmtck.internal.host.runtime.RuntimeAbiHost;
import dev.wasmtck.internal.host.wasmexec.FakeWapc;
import dev.wasmtck.module.FunctionType;
import dev.wasmtck.module.ValueType;
import dev.wasmtck.runtime.CompiledModule;
import dev.wasmtck.runtime.WasmRuntime;
import dev.wasmtck.internal.runtime.wasi.WasiPreview1;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reference waPC host, on any {@link WasmRuntime}. {@link #prepare} checks the module with the ABI's structural
 * rules ({@link WapcModuleRules}) and compiles it once (a Go or TinyGo js/wasm module importing nothing from
 * {@code wapc} goes to fake waPC instead, recognised as the rules recognise it); each run gets a fresh instance (a concurrent case, a pool of
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
    static final Set<String> WASI_MODULES = Set.of(WasiPreview1.MODULE, WasiPreview1.UNSTABLE);

    public WapcHost(WasmRuntime runtime) {
        super(runtime, WapcAbi.NAME);
    }

    @Override
    protected PreparedGuest prepare(CompiledModule compiled) throws GuestFault {
        // The structural rules are the link check (they check a fake-waPC guest as wasm-exec would).
        ModuleRules.link(WapcModuleRules.RULES, compiled.shape());
        if (FakeWapc.isGoJs(compiled.shape())) {
            // A Go js/wasm binary importing nothing from wapc speaks waPC through JS globals
            // (prep/wasmexec's "fake waPC"); TinyGo's -target wasm waPC guests import wapc and stay here.
            return FakeWapc.prepare(compiled);
        }
        return new PooledWapc(compiled);
    }
}
