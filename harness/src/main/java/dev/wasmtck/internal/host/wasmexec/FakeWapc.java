package dev.wasmtck.internal.host.wasmexec;

import dev.wasmtck.abi.wasmexec.AfterExit;
import dev.wasmtck.abi.wasmexec.WasmExecSettings;

import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.runtime.GuestFault.Kind;
import dev.wasmtck.host.Invocation;
import dev.wasmtck.runtime.Limits;
import dev.wasmtck.host.Outcome;
import dev.wasmtck.host.PooledGuest;
import dev.wasmtck.host.PreparedGuest;
import dev.wasmtck.abi.wapc.HostCalls;
import dev.wasmtck.abi.wapc.WapcSettings;
import dev.wasmtck.internal.host.pool.WatchedGuestPool;
import dev.wasmtck.module.ModuleShape;
import dev.wasmtck.runtime.CompiledModule;
import dev.wasmtck.runtime.GuestThread;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.mozilla.javascript.ScriptRuntime;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;
import org.mozilla.javascript.typedarrays.NativeArrayBufferView;

/**
 * waPC for Go js/wasm guests, the "fake waPC" of prep/wasmexec: the guest registers the global
 * {@code __guest_call(operation, payload)} and answers through the global {@code wapc} object's
 * {@code __guest_response} / {@code __guest_error}; its host calls arrive as
 * {@code wapc.__host_call(binding, namespace, operation, payload)} (four Uint8Arrays), answered with
 * {@code [response, null]} or {@code [null, error]}. Cases are the same as for real waPC.
 *
 * <p>The guest may answer from a goroutine after {@code __guest_call} returned, so the event loop
 * runs until an answer arrives. As in prep/wasmexec, calls are served after {@code main} returns.
 * A concurrent case gets a pool of Go programs, each on its own serving thread ({@link FakeWapcInstance}).
 */
public final class FakeWapc {
    /** Fake waPC runs on the wasm_exec host as prep/wasmexec does: calls are served after main returns. */
    private static final WasmExecSettings SETTINGS = new WasmExecSettings(List.of(), Map.of(), Map.of(), null, null,
            List.of(), null, AfterExit.SERVE, "js");

    private FakeWapc() {}

    /**
     * Whether {@code module} is a Go or TinyGo js/wasm binary, so waPC cases run through this class. A
     * module importing from {@code wapc} never is: it is a real waPC guest whatever it exports.
     */
    public static boolean isGoJs(ModuleShape module) {
        return JsModuleShape.of(module).isPresent();
    }

    /**
     * A compiled fake-waPC guest, linked by the waPC rules (which check it as wasm-exec's do): a fresh Go
     * program per case, or, for a concurrent case, a pool of Go programs each serving calls on a thread of
     * its own ({@link FakeWapcInstance}).
     */
    public static PreparedGuest prepare(CompiledModule module) {
        return new PooledGuest() {
            @Override
            public Outcome run(Invocation invocation) throws GuestFault {
                return FakeWapc.run(module, invocation);
            }

            @Override
            public GuestPool pool(int size, Object settings, Limits limits) {
                HostCalls shared = new HostCalls(WapcSettings.of(settings));
                return new WatchedGuestPool<FakeWapcInstance>(size, limits,
                        w -> FakeWapcInstance.start(module, limits, shared, w), FakeWapcInstance::call,
                        FakeWapcInstance::close);
            }
        };
    }

    /** One call's traffic: the guest's answer, the host calls it made and what it printed meanwhile. */
    static final class Exchange {
        final HostCalls hostCalls;
        final GoProgram.Capture capture = new GoProgram.Capture();
        byte[] response;
        String error;

        Exchange(HostCalls hostCalls) {
            this.hostCalls = hostCalls;
        }

        boolean done() {
            return response != null || error != null;
        }

        /** {@code fault} as this call reports it: a trap wins over an error the guest set before it. */
        GuestFault explain(GuestFault fault) {
            if (fault.kind() == Kind.TRAP && error != null) {
                return new GuestFault(Kind.TRAP, fault.getMessage() + " (the guest had reported the error \""
                        + error + "\" before trapping; a trap wins)", fault.getCause());
            }
            return fault;
        }

        /** The call's result once {@code __guest_call(op)} has returned and the event loop ran to its answer. */
        Outcome outcome(String op) throws GuestFault {
            if (error != null) {
                throw new GuestFault(Kind.GUEST_ERROR, error);
            }
            if (response == null) {
                throw new GuestFault(Kind.PROTOCOL, "__guest_call(\"" + op + "\") ended without __guest_response or"
                        + " __guest_error" + (capture.stderr().isBlank() ? "" : "; stderr: " + capture.stderr().strip()));
            }
            return new Outcome(response, capture.stdout(), capture.stderr(), null, Map.of(), hostCalls.encoded());
        }
    }

    /** A Go program speaking fake waPC, its traffic going to whichever exchange {@code current} gives. */
    static GoProgram program(CompiledModule module, Limits limits, Supplier<Exchange> current) {
        return new GoProgram(module, SETTINGS, limits, (fd, b, offset, length) ->
                current.get().capture.write(fd, b, offset, length))
                .withSetup(world -> install(world, current))
                .awaiting(() -> current.get().done());
    }

    private static Outcome run(CompiledModule module, Invocation invocation) throws GuestFault {
        Exchange exchange = new Exchange(new HostCalls(invocation.settings(WapcSettings.class).orElse(WapcSettings.DEFAULT)));
        GoProgram program = program(module, invocation.limits(), () -> exchange);
        String op = invocation.function();
        try {
            GuestThread.call(module.name(), () -> program.run("__guest_call",
                    List.of(op, invocation.input()), List.of()));
        } catch (GuestFault f) {
            throw exchange.explain(f);
        } catch (Exception e) {
            throw new GuestFault(Kind.HOST_ERROR, "the fake-waPC host failed: " + e, e);
        }
        return exchange.outcome(op);
    }

    private static void install(JsWorld world, Supplier<Exchange> current) {
        Scriptable wapc = world.newObject();
        ScriptableObject.putProperty(wapc, "__guest_response", world.function("__guest_response", 1,
                (c, scope, self, args) -> {
                    current.get().response = bytes(args, 0);
                    return null;
                }));
        ScriptableObject.putProperty(wapc, "__guest_error", world.function("__guest_error", 1,
                (c, scope, self, args) -> {
                    current.get().error = new String(bytes(args, 0), StandardCharsets.UTF_8);
                    return null;
                }));
        ScriptableObject.putProperty(wapc, "__host_call", world.function("__host_call", 4, (c, scope, self, args) -> {
            HostCalls.Answer a = current.get().hostCalls.answer(text(args, 0), text(args, 1), text(args, 2),
                    bytes(args, 3));
            Object response = a.response() == null ? null : JsValues.uint8Array(a.response(), c, world.global());
            Object error = a.error() == null ? null : new String(a.error(), StandardCharsets.UTF_8);
            return c.newArray(world.global(), new Object[] {response, error});
        }));
        ScriptableObject.putProperty(world.global(), "wapc", wapc);
    }

    private static byte[] bytes(Object[] args, int i) {
        if (args.length <= i || !(args[i] instanceof NativeArrayBufferView view)) {
            throw ScriptRuntime.typeError("wapc: argument " + (i + 1) + " must be a Uint8Array");
        }
        byte[] out = new byte[view.getByteLength()];
        System.arraycopy(view.getBuffer().getBuffer(), view.getByteOffset(), out, 0, out.length);
        return out;
    }

    private static String text(Object[] args, int i) {
        return new String(bytes(args, i), StandardCharsets.UTF_8);
    }
}
