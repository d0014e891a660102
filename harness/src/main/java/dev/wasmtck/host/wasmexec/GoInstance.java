package dev.wasmtck.host.wasmexec;

import dev.wasmtck.abi.wasmexec.AfterExit;
import dev.wasmtck.host.GuestFault;
import dev.wasmtck.host.GuestFault.Kind;
import dev.wasmtck.host.Limits;
import dev.wasmtck.runtime.CompiledModule;
import dev.wasmtck.runtime.HostBounds;
import dev.wasmtck.runtime.HostFunction;
import dev.wasmtck.runtime.LinearMemory;
import dev.wasmtck.runtime.ModuleShape;
import dev.wasmtck.runtime.WasmFunction;
import dev.wasmtck.runtime.WasmInstance;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mozilla.javascript.Callable;
import org.mozilla.javascript.EcmaError;
import org.mozilla.javascript.EvaluatorException;
import org.mozilla.javascript.Function;
import org.mozilla.javascript.JavaScriptException;
import org.mozilla.javascript.RhinoException;
import org.mozilla.javascript.ScriptRuntime;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;
import org.mozilla.javascript.Undefined;
import org.mozilla.javascript.typedarrays.NativeArrayBufferView;
import org.mozilla.javascript.typedarrays.NativeUint8Array;
import org.mozilla.javascript.typedarrays.NativeUint8ClampedArray;

/**
 * One running Go js/wasm program: the Java counterpart of the {@code Go} class in Go's
 * {@code wasm_exec.js}. It owns the wasm instance, the table of JS values Go holds, the Go object
 * (reference id 6) with {@code _pendingEvent} and {@code _makeFuncWrapper}, and the event loop.
 *
 * <p>Everything happens on one thread with a Rhino context entered. Imports that can run Go code
 * again before they return (calls, constructors, property access that hits a wrapped Go function)
 * re-read the stack pointer with {@code getsp()} before writing results, because the Go stack may
 * have moved meanwhile.
 */
final class GoInstance extends JsGuest {
    /** Where command-line arguments and the environment go; Go's linker keeps data above 4096 + 8192. */
    private static final int ARGS_START = 4096;
    private static final int ARGS_END = 4096 + 8192;

    /**
     * The program exited while JS was calling into it. Node's runner ends the process there
     * ({@code go.exit = process.exit}): no more JS runs, so this unwinds everything up to the run.
     */
    static final class Exited extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Exited() {
            super("the Go program exited", null, false, false);
        }
    }

    private final Set<Integer> goTimeouts = new HashSet<>();
    private WasmInstance instance;
    private LinearMemory memory;
    private WasmFunction resume;
    private WasmFunction getsp;

    GoInstance(JsWorld world, AfterExit afterExit) {
        super(world, afterExit);
        go.put("_values", go, new ValuesView());
    }

    /** Instantiates the module with this program's imports. */
    @Override
    void instantiate(CompiledModule module, Limits limits) throws GuestFault {
        List<HostFunction> imports = new java.util.ArrayList<>();
        for (ModuleShape.Import f : module.shape().functionImports()) {
            imports.add(new HostFunction(f.module(), f.name(), f.type(), handler(f)));
        }
        instance = module.instantiate(imports, limits);
        memory = instance.memory();
        resume = instance.function("resume");
        getsp = instance.function("getsp");
    }

    LinearMemory memory() {
        return memory;
    }

    /** Writes argv and the environment as {@code wasm_exec.js} does and calls {@code run(argc, argv)}. */
    void run(List<String> argv, Map<String, String> env) throws GuestFault {
        int[] offset = {ARGS_START};
        List<Integer> pointers = new java.util.ArrayList<>();
        for (String arg : argv) {
            pointers.add(cString(arg, offset));
        }
        pointers.add(0);
        for (String key : new java.util.TreeSet<>(env.keySet())) {
            pointers.add(cString(key + "=" + env.get(key), offset));
        }
        pointers.add(0);
        int argvAt = offset[0];
        for (int p : pointers) {
            if (offset[0] + 8 > ARGS_END) {
                break;
            }
            memory.writeI32(offset[0], p);
            memory.writeI32(offset[0] + 4, 0);
            offset[0] += 8;
        }
        if (offset[0] >= ARGS_END) {
            throw new GuestFault(Kind.PROTOCOL, "the command line and environment take more than 8192 bytes"
                    + " (Go's limit for js/wasm)");
        }
        go.put("argv", go, cx.newArray(global, argv.toArray()));
        instance.function("run").call(argv.size(), argvAt);
    }

    private int cString(String s, int[] offset) throws GuestFault {
        byte[] bytes = (s + "\0").getBytes(StandardCharsets.UTF_8);
        int at = offset[0];
        if (at + bytes.length > ARGS_END) {
            throw new GuestFault(Kind.PROTOCOL, "the command line and environment take more than 8192 bytes"
                    + " (Go's limit for js/wasm)");
        }
        memory.write(at, bytes);
        offset[0] = (at + bytes.length + 7) & ~7;
        return at;
    }

    /** Resumes Go after an event; refused once the program exited unless the host keeps serving. */
    @Override
    void resume() {
        if (exited && afterExit == AfterExit.REFUSE) {
            throw new JavaScriptException(cx.newObject(global, "Error",
                    new Object[] {"Go program has already exited"}), null, 0);
        }
        resume.call();
    }

    /**
     * Runs due timers and pending microtasks until nothing is scheduled or the program exited. This
     * is node's event loop for one program: what it does after {@code run} returns and after every call.
     */
    void settle() throws InterruptedException {
        cx.processMicrotasks();
        while (!stopped() && world.loop().runNext()) {
            cx.processMicrotasks();
        }
    }

    /**
     * The program is blocked with nothing scheduled: hand Go the "deadlock" event (id 0), as node's
     * runner does on exit, so the Go runtime reports every goroutine's stack and exits with code 2.
     */
    void reportDeadlock() {
        Scriptable event = cx.newObject(global);
        event.put("id", event, 0);
        go.put("_pendingEvent", go, event);
        resume();
    }

    private HostFunction.Implementation handler(ModuleShape.Import f) {
        if (f.module().equals(GoImports.GOTEST)) {
            return switch (f.name()) {
                case "add" -> (inst, args) -> new long[] {(int) args[0] + (int) args[1]};
                default -> (inst, args) -> {
                    inst.function("testExport0").call();
                    return inst.function("testExport").call(args[0], args[1]);
                };
            };
        }
        SpFunction body = spFunction(f.name());
        return (inst, args) -> {
            body.apply((int) args[0]);
            return null;
        };
    }

    @FunctionalInterface
    private interface SpFunction {
        void apply(int sp);
    }

    private SpFunction spFunction(String name) {
        return switch (name) {
            case "runtime.wasmExit" -> sp -> {
                exited = true;
                exitCode = memory.readI32(sp + 8);
                go.put("exited", go, true);
            };
            case "runtime.wasmWrite" -> sp -> {
                long fd = memory.readI64(sp + 8);
                long p = memory.readI64(sp + 16);
                long n = HostBounds.u32(memory.readI32(sp + 24));
                if (fd == 1 || fd == 2) {
                    world.write((int) fd, HostBounds.read(memory, p, n, "runtime.wasmWrite"), 0, (int) n);
                }
            };
            case "runtime.resetMemoryDataView" -> sp -> {};
            case "runtime.nanotime1", "runtime.nanotime" -> sp ->
                    memory.writeI64(sp + 8, wallClockNanos());
            case "runtime.walltime", "runtime.walltime1" -> sp -> {
                Instant now = Instant.now();
                memory.writeI64(sp + 8, now.getEpochSecond());
                memory.writeI32(sp + 16, now.getNano());
            };
            case "runtime.scheduleTimeoutEvent" -> sp -> {
                long delay = memory.readI64(sp + 8);
                int[] id = new int[1];
                id[0] = world.loop().schedule(delay, () -> {
                    resume();
                    // Go clears the timeout when it handles it; one it missed is retried, as wasm_exec.js does.
                    for (int retry = 0; goTimeouts.contains(id[0]) && !stopped() && retry < 1000; retry++) {
                        resume();
                    }
                });
                goTimeouts.add(id[0]);
                memory.writeI32(sp + 16, id[0]);
            };
            case "runtime.clearTimeoutEvent" -> sp -> {
                int id = memory.readI32(sp + 8);
                world.loop().cancel(id);
                goTimeouts.remove(id);
            };
            case "runtime.getRandomData" -> sp -> {
                HostBounds.fill(memory, memory.readI64(sp + 8), memory.readI64(sp + 16),
                        bytes -> world.randomBytes(bytes, 0, bytes.length), "runtime.getRandomData");
            };
            case "syscall/js.finalizeRef" -> sp -> refs.finalizeRef(memory.readI32(sp + 8));
            case "syscall/js.stringVal" -> sp -> store(sp + 24, loadString(sp + 8));
            case "syscall/js.valueGet" -> sp -> {
                Object result = ScriptRuntime.getObjectProp(load(sp + 8), loadString(sp + 16), cx, global);
                store(sp() + 32, result);
            };
            case "syscall/js.valueSet" -> sp ->
                    ScriptRuntime.setObjectProp(load(sp + 8), loadString(sp + 16), load(sp + 32), cx, global);
            case "syscall/js.valueDelete" -> sp -> {
                Object target = load(sp + 8);
                ScriptRuntime.deleteObjectElem(ScriptRuntime.toObject(cx, global, target), loadString(sp + 16), cx);
            };
            case "syscall/js.valueIndex" -> sp ->
                    store(sp + 24, ScriptRuntime.getObjectIndex(load(sp + 8), (double) memory.readI64(sp + 16), cx, global));
            case "syscall/js.valueSetIndex" -> sp ->
                    ScriptRuntime.setObjectIndex(load(sp + 8), (double) memory.readI64(sp + 16), load(sp + 24), cx, global);
            case "syscall/js.valueCall" -> sp -> callInto(56, () -> {
                Object target = load(sp + 8);
                String method = loadString(sp + 16);
                Object[] args = loadValues(sp + 32, "syscall/js.valueCall");
                Callable fn = ScriptRuntime.getPropFunctionAndThis(target, method, cx, global);
                Scriptable self = ScriptRuntime.lastStoredScriptable(cx);
                return fn.call(cx, global, self, args);
            });
            case "syscall/js.valueInvoke" -> sp -> callInto(40, () -> {
                Object target = load(sp + 8);
                Object[] args = loadValues(sp + 16, "syscall/js.valueInvoke");
                if (!(target instanceof Callable fn)) {
                    throw ScriptRuntime.typeError(ScriptRuntime.toString(target) + " is not a function");
                }
                return fn.call(cx, global, Undefined.SCRIPTABLE_UNDEFINED, args);
            });
            case "syscall/js.valueNew" -> sp -> callInto(40, () -> {
                Object target = load(sp + 8);
                Object[] args = loadValues(sp + 16, "syscall/js.valueNew");
                if (!(target instanceof Function fn)) {
                    throw ScriptRuntime.typeError(ScriptRuntime.toString(target) + " is not a constructor");
                }
                return fn.construct(cx, global, args);
            });
            case "syscall/js.valueLength" -> sp -> {
                Object length = ScriptRuntime.getObjectProp(load(sp + 8), "length", cx, global);
                double n = ScriptRuntime.toNumber(length);
                memory.writeI64(sp + 16, Double.isNaN(n) ? 0 : (long) n);
            };
            case "syscall/js.valuePrepareString" -> sp -> {
                byte[] utf8 = ScriptRuntime.toString(load(sp + 8)).getBytes(StandardCharsets.UTF_8);
                store(sp + 16, new Utf8(utf8));
                memory.writeI64(sp + 24, utf8.length);
            };
            case "syscall/js.valueLoadString" -> sp -> {
                Object v = load(sp + 8);
                byte[] utf8 = v instanceof Utf8 u ? u.bytes : ScriptRuntime.toString(v).getBytes(StandardCharsets.UTF_8);
                int p = (int) memory.readI64(sp + 16);
                int n = (int) Math.min(memory.readI64(sp + 24), utf8.length);
                memory.write(p, utf8, 0, n);
            };
            case "syscall/js.valueInstanceOf" -> sp ->
                    memory.writeByte(sp + 24, (byte) (ScriptRuntime.instanceOf(load(sp + 8), load(sp + 16), cx) ? 1 : 0));
            case "syscall/js.copyBytesToGo" -> sp -> {
                int dst = (int) memory.readI64(sp + 8);
                long dstLen = memory.readI64(sp + 16);
                Object src = load(sp + 32);
                if (!isByteArray(src)) {
                    memory.writeByte(sp + 48, (byte) 0);
                    return;
                }
                NativeArrayBufferView view = (NativeArrayBufferView) src;
                int n = (int) Math.min(dstLen, view.getByteLength());
                memory.write(dst, view.getBuffer().getBuffer(), view.getByteOffset(), n);
                memory.writeI64(sp + 40, n);
                memory.writeByte(sp + 48, (byte) 1);
            };
            case "syscall/js.copyBytesToJS" -> sp -> {
                Object dst = load(sp + 8);
                int src = (int) memory.readI64(sp + 16);
                long srcLen = memory.readI64(sp + 24);
                if (!isByteArray(dst)) {
                    memory.writeByte(sp + 48, (byte) 0);
                    return;
                }
                NativeArrayBufferView view = (NativeArrayBufferView) dst;
                int n = (int) Math.min(srcLen, view.getByteLength());
                byte[] bytes = memory.read(src, n);
                System.arraycopy(bytes, 0, view.getBuffer().getBuffer(), view.getByteOffset(), n);
                memory.writeI64(sp + 40, n);
                memory.writeByte(sp + 48, (byte) 1);
            };
            case "debug" -> sp -> {
                byte[] line = (sp + "\n").getBytes(StandardCharsets.UTF_8);
                world.write(1, line, 0, line.length);
            };
            default -> throw new IllegalArgumentException("no implementation of " + name);
        };
    }

    /**
     * Runs a call, construction or invocation for Go and stores its result (or the thrown value) at
     * {@code resultOffset} from the stack pointer, with the ok byte right after it. The stack pointer
     * is read again afterwards: the call may have run Go code that moved the stack.
     */
    private void callInto(int resultOffset, java.util.function.Supplier<Object> body) {
        Object result;
        boolean ok;
        try {
            result = body.get();
            ok = true;
        } catch (RhinoException e) {
            result = thrownValue(e);
            ok = false;
        }
        int at = sp();
        store(at + resultOffset, result);
        memory.writeByte(at + resultOffset + 8, (byte) (ok ? 1 : 0));
    }

    private static boolean isByteArray(Object v) {
        return v instanceof NativeUint8Array || v instanceof NativeUint8ClampedArray;
    }

    /** The JS value a caught exception carries: the thrown value, or an Error object for Rhino's own errors. */
    private Object thrownValue(RhinoException e) {
        if (e instanceof JavaScriptException js) {
            return js.getValue();
        }
        if (e instanceof EcmaError || e instanceof EvaluatorException) {
            return ScriptRuntime.wrapException(e, global, cx);
        }
        return cx.newObject(global, "Error", new Object[] {e.details()});
    }

    private int sp() {
        return (int) getsp.call()[0];
    }

    private Object load(int addr) {
        return refs.load(memory.readI64(addr));
    }

    private void store(int addr, Object value) {
        memory.writeI64(addr, refs.store(value));
    }

    /** A slice of JS value references; its length is checked against memory before anything is allocated. */
    private Object[] loadValues(int addr, String what) {
        long array = memory.readI64(addr);
        int len = HostBounds.checkArray(memory, array, memory.readI64(addr + 8), 8, what + " arguments");
        Object[] values = new Object[len];
        for (int i = 0; i < len; i++) {
            values[i] = refs.load(memory.readI64((int) array + i * 8));
        }
        return values;
    }

    private String loadString(int addr) {
        return new String(HostBounds.read(memory, memory.readI64(addr), memory.readI64(addr + 8), "a string from Go"),
                StandardCharsets.UTF_8);
    }

    /** A string prepared for {@code valueLoadString}: only Go ever holds it. */
    private record Utf8(byte[] bytes) {}

    /** {@code go._values}: what Go's own tests read to see that references are released. */
    private final class ValuesView extends ScriptableObject {
        private static final long serialVersionUID = 1L;

        @Override
        public String getClassName() {
            return "Array";
        }

        @Override
        public Object get(String name, Scriptable start) {
            return "length".equals(name) ? refs.length() : super.get(name, start);
        }

        @Override
        public boolean has(String name, Scriptable start) {
            return "length".equals(name) || super.has(name, start);
        }
    }

}
