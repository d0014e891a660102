package dev.wasmtck.host.wasmexec;

import dev.wasmtck.host.GuestFault;
import dev.wasmtck.host.GuestFault.Kind;
import dev.wasmtck.host.Invocation;
import dev.wasmtck.host.Outcome;
import dev.wasmtck.host.PreparedGuest;
import dev.wasmtck.host.wapc.HostCalls;
import dev.wasmtck.runtime.CompiledModule;
import dev.wasmtck.runtime.GuestThread;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
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
 */
public final class FakeWapc {
    private FakeWapc() {}

    /**
     * Whether {@code module} is a Go or TinyGo js/wasm binary, so waPC cases run through this class. A
     * module importing from {@code wapc} never is: it is a real waPC guest whatever it exports.
     */
    public static boolean isGoJs(dev.wasmtck.host.ModuleShape module) {
        return JsModuleShape.of(module).isPresent();
    }

    public static PreparedGuest prepare(CompiledModule module) throws GuestFault {
        WasmExecHost.link(module);
        return new PreparedGuest() {
            @Override
            public Outcome run(Invocation invocation) throws GuestFault {
                return FakeWapc.run(module, invocation);
            }

            /** Why concurrent cases abort on this guest (the engine quotes it). */
            @Override
            public String toString() {
                return "a Go js/wasm guest runs through fake waPC over wasm_exec, one Go instance per case;"
                        + " it has no pool of Go instances yet";
            }
        };
    }

    private static final class Answer {
        byte[] response;
        String error;

        boolean done() {
            return response != null || error != null;
        }
    }

    private static Outcome run(CompiledModule module, Invocation invocation) throws GuestFault {
        HostCalls hostCalls = new HostCalls(invocation.settings());
        Answer answer = new Answer();
        GoProgram.Capture capture = new GoProgram.Capture();
        WasmExecSettings settings = new WasmExecSettings(List.of(), Map.of(), Map.of(), null, null, List.of(), null,
                GoInstance.AfterExit.SERVE, "js");
        GoProgram program = new GoProgram(module, settings, invocation.limits(), capture)
                .withSetup(world -> install(world, answer, hostCalls))
                .awaiting(answer::done);
        String op = invocation.function();
        try {
            GuestThread.call(module.name(), () -> program.run("__guest_call",
                    List.of(op, invocation.input()), List.of()));
        } catch (GuestFault f) {
            if (f.kind() == Kind.TRAP && answer.error != null) {
                throw new GuestFault(Kind.TRAP, f.getMessage() + " (the guest had reported the error \""
                        + answer.error + "\" before trapping; a trap wins)", f.getCause());
            }
            throw f;
        } catch (Exception e) {
            throw new GuestFault(Kind.HOST_ERROR, "the fake-waPC host failed: " + e, e);
        }
        if (answer.error != null) {
            throw new GuestFault(Kind.GUEST_ERROR, answer.error);
        }
        if (answer.response == null) {
            throw new GuestFault(Kind.PROTOCOL, "__guest_call(\"" + op + "\") ended without __guest_response or"
                    + " __guest_error" + (capture.stderr().isBlank() ? "" : "; stderr: " + capture.stderr().strip()));
        }
        return new Outcome(answer.response, capture.stdout(), capture.stderr(), null, Map.of(), hostCalls.encoded());
    }

    private static void install(JsWorld world, Answer answer, HostCalls hostCalls) {
        Scriptable wapc = world.newObject();
        ScriptableObject.putProperty(wapc, "__guest_response", world.function("__guest_response", 1,
                (c, scope, self, args) -> {
                    answer.response = bytes(args, 0);
                    return null;
                }));
        ScriptableObject.putProperty(wapc, "__guest_error", world.function("__guest_error", 1,
                (c, scope, self, args) -> {
                    answer.error = new String(bytes(args, 0), StandardCharsets.UTF_8);
                    return null;
                }));
        ScriptableObject.putProperty(wapc, "__host_call", world.function("__host_call", 4, (c, scope, self, args) -> {
            HostCalls.Answer a = hostCalls.answer(text(args, 0), text(args, 1), text(args, 2), bytes(args, 3));
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
