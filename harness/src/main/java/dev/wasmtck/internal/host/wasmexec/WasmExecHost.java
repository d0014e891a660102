package dev.wasmtck.internal.host.wasmexec;

import dev.wasmtck.abi.wasmexec.WasmExecSettings;
import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.runtime.GuestFault.Kind;
import dev.wasmtck.host.Invocation;
import dev.wasmtck.host.ModuleRules;
import dev.wasmtck.host.Outcome;
import dev.wasmtck.host.PreparedGuest;
import dev.wasmtck.runtime.CompiledModule;
import dev.wasmtck.runtime.MemoryCap;
import dev.wasmtck.runtime.WasmRuntime;
import dev.wasmtck.internal.host.runtime.RuntimeAbiHost;
import dev.wasmtck.runtime.GuestThread;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference host of Go's wasm_exec ABI (GOOS=js GOARCH=wasm), on any {@link WasmRuntime}, with Rhino as the JS
 * world. {@link #prepare} parses, checks and compiles a module once; every run gets a fresh instance,
 * a fresh JS world and its own thread.
 */
public final class WasmExecHost extends RuntimeAbiHost {
    public WasmExecHost(WasmRuntime runtime) {
        super(runtime, WasmExecAbi.NAME);
    }

    @Override
    protected PreparedGuest prepare(CompiledModule module) throws GuestFault {
        link(module);
        return invocation -> run(module, invocation);
    }

    /**
     * Checks the exports and imports a Go js/wasm binary (or a TinyGo one, of either calling convention)
     * must have by running the ABI's structural rules; one LINK fault lists every problem.
     */
    static void link(CompiledModule compiled) throws GuestFault {
        ModuleRules.link(WasmExecModuleRules.RULES, compiled.shape());
    }

    private static Outcome run(CompiledModule module, Invocation invocation) throws GuestFault {
        WasmExecSettings settings = invocation.settings(WasmExecSettings.class).orElse(WasmExecSettings.DEFAULT);
        List<Object> args = new ArrayList<>();
        if (invocation.function() != null && !invocation.function().isEmpty()) {
            try {
                Object decoded = JsValues.unpack(invocation.input());
                if (decoded instanceof List<?> list) {
                    args.addAll(list);
                } else if (decoded != null) {
                    args.add(decoded);
                }
            } catch (IOException e) {
                throw new GuestFault(Kind.PROTOCOL, "the arguments for " + invocation.function()
                        + " are not one MessagePack value: " + e.getMessage(), e);
            }
        }
        GoProgram.Capture capture = new GoProgram.Capture();
        GoProgram program = new GoProgram(module, settings, invocation.limits(), capture);
        GoProgram.Result result;
        try {
            result = GuestThread.call(module.name(), () -> program.run(invocation.function(), args, invocation.observe()));
        } catch (GuestFault f) {
            throw f.withStderr(capture.stderr());
        } catch (Exception e) {
            throw new GuestFault(Kind.HOST_ERROR, "the wasm-exec host failed: " + e, e);
        }
        if (result.exitCode() != null && result.exitCode() != 0 && MemoryCap.of(module.shape(), invocation.limits()).caseBinds()
                && capture.stderr().contains("fatal error: out of memory")) {
            // Go reports a failed memory.grow itself and exits 2; under a case's bound that is the bound's doing.
            throw new GuestFault(Kind.MEMORY_LIMIT, "the program ran out of memory under the case's limit of "
                    + MemoryCap.describe(invocation.limits().maxMemoryPages()) + " and exited with code "
                    + result.exitCode()).withStderr(capture.stderr());
        }
        byte[] output = result.called() ? JsValues.pack(result.result()) : null;
        return new Outcome(output, capture.stdout(), capture.stderr(), result.exitCode(), result.globals());
    }
}
