package dev.wasmtck.internal.host.wasmexec;

import dev.wasmtck.abi.wasmexec.AfterExit;
import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.runtime.GuestFault.Kind;
import dev.wasmtck.runtime.Limits;
import dev.wasmtck.runtime.CompiledModule;
import dev.wasmtck.internal.runtime.HostBounds;
import dev.wasmtck.runtime.HostFunction;
import dev.wasmtck.runtime.LinearMemory;
import dev.wasmtck.module.ModuleShape;
import dev.wasmtck.runtime.WasmFunction;
import dev.wasmtck.runtime.WasmInstance;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;

/**
 * One running Go js/wasm program: the Java counterpart of the {@code Go} class in Go's
 * {@code wasm_exec.js}. It owns the wasm instance, the table of JS values Go holds, the Go object
 * (reference id 6) with {@code _pendingEvent} and {@code _makeFuncWrapper}, and the event loop.
 *
 * <p>Everything happens on one thread with a Rhino context entered. What each import means is
 * {@link JsSyscalls}' (shared with TinyGo); this class reads arguments and writes results through
 * the named slots of {@link GoStack}. Imports that can run Go code again before they return re-read
 * the stack pointer with {@code getsp()} before writing results, because the Go stack may have moved.
 */
final class GoInstance extends JsGuest {
    /** Where command-line arguments and the environment go; Go's linker keeps data above 4096 + 8192. */
    private static final int ARGS_START = 4096;
    private static final int ARGS_END = 4096 + 8192;

    private final Set<Integer> goTimeouts = new HashSet<>();
    private WasmInstance instance;
    private LinearMemory memory;
    private WasmFunction resume;
    private WasmFunction getsp;
    /** The {@code run} export has not returned: main runs before its first pause. */
    private boolean starting;
    /** Milliseconds {@code scheduleTimeoutEvent} adds to every delay: see {@link #scheduleTimeout}. */
    private int timeoutSlackMillis;

    GoInstance(JsWorld world, AfterExit afterExit, List<String> argv, Map<String, String> env) {
        super(world, afterExit, argv, env);
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
        timeoutSlackMillis = module.shape().functionImports().stream()
                .anyMatch(f -> f.module().equals(GoImports.GO)) ? 1 : 0;
        resume = instance.function("resume");
        getsp = instance.function("getsp");
    }

    @Override
    LinearMemory memory() {
        return memory;
    }

    /** Writes argv and the environment as {@code wasm_exec.js} does and calls {@code run(argc, argv)}. */
    @Override
    void run() throws GuestFault {
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
        // Until its first pause, main runs outside any event, and there Go (1.19 at least) must not get
        // an event before a JS call returns: its scheduler may already have started the goroutine that
        // pauses for events, which would then pause inside the callback, on the wrong stack ("unexpected
        // signal during runtime execution", or a false deadlock). Node's fs calls back later; so does
        // this host's there. Inside an event a synchronous callback is safe, and cheaper.
        world.callBackLaterWhen(() -> starting && !resuming());
        starting = true;
        try {
            instance.function("run").call(argv.size(), argvAt);
        } finally {
            starting = false;
        }
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

    /** Lets Go handle its pending event: the export {@code resume}. */
    @Override
    void resumeGuest() {
        resume.call();
    }

    /**
     * The program is blocked with nothing scheduled: hand Go the "deadlock" event (id 0), as node's
     * runner does on exit, so the Go runtime reports every goroutine's stack and exits with code 2.
     */
    @Override
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
        if (f.name().equals("debug")) {
            // wasm_exec.js logs the raw parameter, which is not a stack pointer.
            return (inst, args) -> {
                byte[] line = ((int) args[0] + "\n").getBytes(StandardCharsets.UTF_8);
                world.write(1, line, 0, line.length);
                return null;
            };
        }
        GoStack.Layout layout = GoStack.LAYOUTS.get(f.name());
        if (layout == null) {
            throw new IllegalArgumentException("no implementation of " + f.name());
        }
        StackFunction body = stackFunction(f.name());
        return (inst, args) -> {
            body.apply(new GoStack(memory, layout, (int) args[0], this::sp));
            return null;
        };
    }

    @FunctionalInterface
    private interface StackFunction {
        void apply(GoStack s);
    }

    /** The body of each import of Go's {@code wasm_exec.js}, over the named slots of {@link GoStack#LAYOUTS}. */
    private StackFunction stackFunction(String name) {
        return switch (name) {
            case "runtime.wasmExit" -> s -> {
                exited = true;
                exitCode = s.i32("code");
                go.put("exited", go, true);
            };
            case "runtime.wasmWrite" -> s -> {
                long fd = s.i64("fd");
                long p = s.i64("p");
                long n = HostBounds.u32(s.i32("n"));
                if (fd == 1 || fd == 2) {
                    world.write((int) fd, HostBounds.read(memory, p, n, "runtime.wasmWrite"), 0, (int) n);
                }
            };
            case "runtime.resetMemoryDataView" -> s -> {};
            case "runtime.nanotime1", "runtime.nanotime" -> s -> s.setI64("nanos", wallClockNanos());
            case "runtime.walltime", "runtime.walltime1" -> s -> {
                Instant now = Instant.now();
                s.setI64("sec", now.getEpochSecond());
                s.setI32("nsec", now.getNano());
            };
            case "runtime.scheduleTimeoutEvent" -> s -> s.setI32("id", scheduleTimeout(s.i64("delay")));
            case "runtime.clearTimeoutEvent" -> s -> {
                int id = s.i32("id");
                world.loop().cancel(id);
                goTimeouts.remove(id);
            };
            case "runtime.getRandomData" -> s -> {
                long[] r = s.pointerAndLength("r");
                randomData(r[0], r[1]);
            };
            case "syscall/js.finalizeRef" -> s -> js.finalizeRef(s.i32("v"));
            case "syscall/js.stringVal" -> s -> setRef(s, "ref", js.stringVal(string(s, "x")));
            case "syscall/js.valueGet" -> s -> {
                Object result = js.valueGet(ref(s, "v"), string(s, "p"));
                s.refresh();
                setRef(s, "ref", result);
            };
            case "syscall/js.valueSet" -> s -> js.valueSet(ref(s, "v"), string(s, "p"), ref(s, "x"));
            case "syscall/js.valueDelete" -> s -> js.valueDelete(ref(s, "v"), string(s, "p"));
            case "syscall/js.valueIndex" -> s -> setRef(s, "ref", js.valueIndex(ref(s, "v"), s.i64("i")));
            case "syscall/js.valueSetIndex" -> s -> js.valueSetIndex(ref(s, "v"), s.i64("i"), ref(s, "x"));
            case "syscall/js.valueCall" -> s -> setCalled(s,
                    js.valueCall(ref(s, "v"), string(s, "m"), values(s, "args", "syscall/js.valueCall arguments")));
            case "syscall/js.valueInvoke" -> s -> setCalled(s,
                    js.valueInvoke(ref(s, "v"), values(s, "args", "syscall/js.valueInvoke arguments")));
            case "syscall/js.valueNew" -> s -> setCalled(s,
                    js.valueNew(ref(s, "v"), values(s, "args", "syscall/js.valueNew arguments")));
            case "syscall/js.valueLength" -> s -> s.setI64("len", js.valueLength(ref(s, "v")));
            case "syscall/js.valuePrepareString" -> s -> {
                JsSyscalls.Utf8 utf8 = js.valuePrepareString(ref(s, "v"));
                setRef(s, "ref", utf8);
                s.setI64("len", utf8.bytes().length);
            };
            case "syscall/js.valueLoadString" -> s -> {
                long[] b = s.pointerAndLength("b");
                js.valueLoadString(ref(s, "v"), memory, b[0], b[1]);
            };
            case "syscall/js.valueInstanceOf" -> s -> s.setBool("ok", js.valueInstanceOf(ref(s, "v"), ref(s, "t")));
            case "syscall/js.copyBytesToGo" -> s -> {
                long[] dst = s.pointerAndLength("dst");
                setCopied(s, js.copyBytesToGo(memory, dst[0], dst[1], ref(s, "src")));
            };
            case "syscall/js.copyBytesToJS" -> s -> {
                long[] src = s.pointerAndLength("src");
                setCopied(s, js.copyBytesToJS(ref(s, "dst"), memory, src[0], src[1]));
            };
            default -> throw new IllegalArgumentException("no implementation of " + name);
        };
    }

    /**
     * {@code runtime.scheduleTimeoutEvent}: wakes Go after {@code delay} ms. Go's {@code wasm_exec.js}
     * up to Go 1.20 (import module {@code go}) asked {@code setTimeout} for one millisecond more, because
     * node's timers were seen to fire up to a millisecond early; later releases (module {@code gojs}, as in
     * Go 1.26's copy) ask for the delay itself. The program sees the same timing as under its own file.
     */
    private int scheduleTimeout(long delay) {
        int[] id = new int[1];
        id[0] = world.loop().schedule(delay + timeoutSlackMillis, () -> {
            resume();
            // Go clears the timeout when it handles it; one it missed is retried, as wasm_exec.js does.
            for (int retry = 0; goTimeouts.contains(id[0]) && !stopped() && retry < 1000; retry++) {
                resume();
            }
        });
        goTimeouts.add(id[0]);
        return id[0];
    }

    /** A call's result and ok byte, written after re-reading the stack pointer: the call may have run Go code. */
    private void setCalled(GoStack s, JsSyscalls.Called called) {
        s.refresh();
        setRef(s, "ref", called.value());
        s.setBool("ok", called.ok());
    }

    /** What {@code copyBytesTo*} report: the count and true, or false when the JS value was no byte array. */
    private static void setCopied(GoStack s, long copied) {
        if (copied < 0) {
            s.setBool("ok", false);
            return;
        }
        s.setI64("n", copied);
        s.setBool("ok", true);
    }

    private int sp() {
        return (int) getsp.call()[0];
    }

    private Object ref(GoStack s, String slot) {
        return refs.load(s.i64(slot));
    }

    private void setRef(GoStack s, String slot, Object value) {
        s.setI64(slot, refs.store(value));
    }

    private Object[] values(GoStack s, String slot, String what) {
        long[] slice = s.pointerAndLength(slot);
        return js.values(memory, slice[0], slice[1], what);
    }

    private String string(GoStack s, String slot) {
        long[] p = s.pointerAndLength(slot);
        return JsSyscalls.string(memory, p[0], p[1], "a string from Go");
    }

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
