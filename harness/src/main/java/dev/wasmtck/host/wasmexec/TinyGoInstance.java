package dev.wasmtck.host.wasmexec;

import dev.wasmtck.host.GuestFault;
import dev.wasmtck.host.Limits;
import dev.wasmtck.abi.wasmexec.AfterExit;
import dev.wasmtck.runtime.CompiledModule;
import dev.wasmtck.runtime.FunctionType;
import dev.wasmtck.runtime.GuestCalls;
import dev.wasmtck.runtime.HostBounds;
import dev.wasmtck.runtime.HostFunction;
import dev.wasmtck.runtime.LinearMemory;
import dev.wasmtck.runtime.ModuleShape;
import dev.wasmtck.runtime.ValueType;
import dev.wasmtck.runtime.WasmFunction;
import dev.wasmtck.runtime.WasmInstance;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.mozilla.javascript.Callable;
import org.mozilla.javascript.EcmaError;
import org.mozilla.javascript.EvaluatorException;
import org.mozilla.javascript.Function;
import org.mozilla.javascript.JavaScriptException;
import org.mozilla.javascript.RhinoException;
import org.mozilla.javascript.ScriptRuntime;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.Undefined;
import org.mozilla.javascript.typedarrays.NativeArrayBufferView;
import org.mozilla.javascript.typedarrays.NativeUint8Array;
import org.mozilla.javascript.typedarrays.NativeUint8ClampedArray;

/**
 * One running TinyGo js/wasm program ({@code tinygo build -target wasm}): the Java counterpart of the
 * {@code Go} class in TinyGo's own {@code wasm_exec.js}. The JS side (world, reference table, the Go
 * object with {@code _pendingEvent} and {@code _makeFuncWrapper}) is the same as for Go; what differs
 * is the wasm side:
 *
 * <ul>
 *   <li>imports take ordinary wasm parameters: a JS value is an i64 NaN-boxed reference (in builds of
 *       TinyGo 0.12 to 0.28, the address of one in memory: see {@link #adapt}), a string pointer and
 *       length, a slice pointer, length and capacity (all i32), and a function with two results writes
 *       them through a return pointer passed first;
 *   <li>output, exit, randomness, clocks, arguments and environment come through WASI preview1;
 *   <li>the program starts with {@code _start} (or {@code _initialize}); goroutines blocked in a sleep
 *       are woken by calling the export {@code go_scheduler} when the time asked for with
 *       {@code runtime.sleepTicks} has passed; {@code resume} handles a pending event;
 *   <li>{@code proc_exit} ends the program: it unwinds the wasm stack up to the export the host called.
 * </ul>
 */
final class TinyGoInstance extends JsGuest {
    private static final int ERRNO_SUCCESS = 0;
    private static final int ERRNO_BADF = 8;
    private static final int ERRNO_INVAL = 28;
    private static final int ERRNO_NOSYS = 52;

    /** Thrown by {@code proc_exit} to unwind the guest, as TinyGo's glue throws its {@code wasmExit} marker. */
    private static final class ProcExit extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ProcExit(int code) {
            super("proc_exit(" + code + ")", null, false, false);
        }
    }

    private WasmInstance instance;
    private LinearMemory memory;
    /** {@code _start} for a command, {@code _initialize} for a reactor. */
    private String entry;
    private List<byte[]> args = List.of();
    private List<byte[]> environ = List.of();
    /** The one pending {@code go_scheduler} wake-up (timer id, due in ticks), as TinyGo's glue keeps it. */
    private int wakeup;
    private long wakeupDueNanos;

    TinyGoInstance(JsWorld world, AfterExit afterExit) {
        super(world, afterExit);
    }

    @Override
    void instantiate(CompiledModule module, Limits limits) throws GuestFault {
        List<HostFunction> imports = new ArrayList<>();
        for (ModuleShape.Import f : module.shape().functionImports()) {
            HostFunction.Implementation handle = TinyGoImports.isWasiModule(f.module()) ? wasi(f.name())
                    : adapt(f.name(), f.type(), js(f.name(), f.type()));
            imports.add(new HostFunction(f.module(), f.name(), f.type(), handle));
        }
        instance = module.instantiate(imports, limits);
        memory = instance.memory();
        entry = module.shape().exportedFunction("_start").isPresent() ? "_start" : "_initialize";
    }

    @Override
    LinearMemory memory() {
        return memory;
    }

    /** Hands argv and the environment to WASI and calls {@code _start} (or {@code _initialize}). */
    @Override
    void run(List<String> argv, Map<String, String> env) {
        List<byte[]> a = new ArrayList<>();
        for (String s : argv) {
            a.add(s.getBytes(StandardCharsets.UTF_8));
        }
        List<byte[]> e = new ArrayList<>();
        for (String key : new TreeSet<>(env.keySet())) {
            e.add((key + "=" + env.get(key)).getBytes(StandardCharsets.UTF_8));
        }
        args = a;
        environ = e;
        go.put("argv", go, cx.newArray(global, argv.toArray()));
        enter(instance.function(entry));
    }

    @Override
    void settle() throws InterruptedException {
        cx.processMicrotasks();
        while (!stopped() && world.loop().runNext()) {
            cx.processMicrotasks();
        }
    }

    /**
     * TinyGo has no deadlock event: its scheduler simply returns to JS when every goroutine is blocked
     * and nothing sleeps, so the run ends with the program still alive (no exit code).
     */
    @Override
    void reportDeadlock() {}

    /** Calls an export of the program; an exit inside it ends the call, as TinyGo's glue catches {@code wasmExit}. */
    private void enter(WasmFunction export) {
        try {
            export.call();
        } catch (RuntimeException e) {
            if (GuestCalls.causeOf(e, ProcExit.class).isEmpty()) {
                throw e;
            }
        }
    }

    /** Resumes the program to handle {@code _pendingEvent}; refused once it exited unless the host keeps serving. */
    @Override
    void resume() {
        if (stopped()) {
            throw new JavaScriptException(cx.newObject(global, "Error",
                    new Object[] {"Go program has already exited"}), null, 0);
        }
        enter(instance.function("resume"));
    }

    /** {@code runtime.sleepTicks}: keep exactly one pending wake-up, the earliest asked for. */
    private void sleep(long nanos) {
        long millis = Math.max(0, (nanos + 999_999) / 1_000_000);
        long due = System.nanoTime() + millis * 1_000_000;
        if (wakeup != 0) {
            if (wakeupDueNanos <= due) {
                return;
            }
            world.loop().cancel(wakeup);
        }
        wakeupDueNanos = due;
        wakeup = world.loop().schedule(millis, () -> {
            wakeup = 0;
            if (!stopped()) {
                enter(instance.function("go_scheduler"));
            }
        });
    }

    // ---- syscall/js and runtime imports -------------------------------------------------------

    /**
     * Fits a body written for {@link TinyGoImports.Convention#REF_VALUES} (JS values as i64 arguments and
     * results) to the convention this import uses. By address, each JS value argument is read from the
     * address passed, and a JS value result is written through the return pointer passed first. The
     * parameters TinyGo appends are ignored either way: the bodies never read past their own.
     */
    private HostFunction.Implementation adapt(String name, FunctionType type, HostFunction.Implementation body) {
        TinyGoImports.JsFunction fn = TinyGoImports.SYSCALL_JS.get(name);
        if (fn == null || TinyGoImports.conventionOf(name, type.toString())
                .orElseThrow() == TinyGoImports.Convention.REF_VALUES) {
            return body;
        }
        return (inst, raw) -> {
            int first = fn.returnsRef() ? 1 : 0;
            long[] args = new long[fn.params().size()];
            for (int i = 0; i < args.length; i++) {
                long v = raw[first + i];
                args[i] = fn.params().get(i) == TinyGoImports.Slot.REF ? memory.readI64((int) v) : v;
            }
            long[] result = body.apply(inst, args);
            if (!fn.returnsRef()) {
                return result;
            }
            memory.writeI64((int) raw[0], result[0]);
            return null;
        };
    }

    private HostFunction.Implementation js(String name, FunctionType type) {
        return switch (name) {
            case "runtime.ticks" -> type.results().get(0).equals(ValueType.F64)
                    ? (inst, a) -> new long[] {Double.doubleToRawLongBits(wallClockNanos() / 1e6)}
                    : (inst, a) -> new long[] {wallClockNanos()};
            case "runtime.sleepTicks" -> type.params().get(0).equals(ValueType.F64)
                    ? (inst, a) -> none(() -> sleep((long) (Double.longBitsToDouble(a[0]) * 1e6)))
                    : (inst, a) -> none(() -> sleep(a[0]));
            case "runtime.getRandomData" -> (inst, a) -> none(() -> randomInto(a[0], a[1], "runtime.getRandomData"));
            case "syscall/js.finalizeRef" -> (inst, a) -> none(() -> refs.finalizeRef((int) a[0]));
            case "syscall/js.stringVal" -> (inst, a) -> one(refs.store(string(a[0], a[1])));
            case "syscall/js.valueGet" -> (inst, a) ->
                    one(refs.store(ScriptRuntime.getObjectProp(refs.load(a[0]), string(a[1], a[2]), cx, global)));
            case "syscall/js.valueSet" -> (inst, a) -> none(() ->
                    ScriptRuntime.setObjectProp(refs.load(a[0]), string(a[1], a[2]), refs.load(a[3]), cx, global));
            case "syscall/js.valueDelete" -> (inst, a) -> none(() -> ScriptRuntime.deleteObjectElem(
                    ScriptRuntime.toObject(cx, global, refs.load(a[0])), string(a[1], a[2]), cx));
            case "syscall/js.valueIndex" -> (inst, a) ->
                    one(refs.store(ScriptRuntime.getObjectIndex(refs.load(a[0]), (int) a[1], cx, global)));
            case "syscall/js.valueSetIndex" -> (inst, a) -> none(() ->
                    ScriptRuntime.setObjectIndex(refs.load(a[0]), (int) a[1], refs.load(a[2]), cx, global));
            case "syscall/js.valueCall" -> (inst, a) -> none(() -> callInto((int) a[0], () -> {
                Object target = refs.load(a[1]);
                String method = string(a[2], a[3]);
                Object[] values = values(a[4], a[5]);
                Callable fn = ScriptRuntime.getPropFunctionAndThis(target, method, cx, global);
                Scriptable self = ScriptRuntime.lastStoredScriptable(cx);
                return fn.call(cx, global, self, values);
            }));
            case "syscall/js.valueInvoke" -> (inst, a) -> none(() -> callInto((int) a[0], () -> {
                Object target = refs.load(a[1]);
                Object[] values = values(a[2], a[3]);
                if (!(target instanceof Callable fn)) {
                    throw ScriptRuntime.typeError(ScriptRuntime.toString(target) + " is not a function");
                }
                return fn.call(cx, global, Undefined.SCRIPTABLE_UNDEFINED, values);
            }));
            case "syscall/js.valueNew" -> (inst, a) -> none(() -> callInto((int) a[0], () -> {
                Object target = refs.load(a[1]);
                Object[] values = values(a[2], a[3]);
                if (!(target instanceof Function fn)) {
                    throw ScriptRuntime.typeError(ScriptRuntime.toString(target) + " is not a constructor");
                }
                return fn.construct(cx, global, values);
            }));
            case "syscall/js.valueLength" -> (inst, a) -> {
                double n = ScriptRuntime.toNumber(ScriptRuntime.getObjectProp(refs.load(a[0]), "length", cx, global));
                return new long[] {Double.isNaN(n) ? 0 : (int) n};
            };
            case "syscall/js.valuePrepareString" -> (inst, a) -> none(() -> {
                byte[] utf8 = ScriptRuntime.toString(refs.load(a[1])).getBytes(StandardCharsets.UTF_8);
                int ret = (int) a[0];
                memory.writeI64(ret, refs.store(new Utf8(utf8)));
                memory.writeI32(ret + 8, utf8.length);
            });
            case "syscall/js.valueLoadString" -> (inst, a) -> none(() -> {
                Object v = refs.load(a[0]);
                byte[] utf8 = v instanceof Utf8 u ? u.bytes : ScriptRuntime.toString(v).getBytes(StandardCharsets.UTF_8);
                memory.write((int) a[1], utf8, 0, (int) Math.min(a[2] & 0xFFFF_FFFFL, utf8.length));
            });
            case "syscall/js.valueInstanceOf" -> (inst, a) ->
                    new long[] {ScriptRuntime.instanceOf(refs.load(a[0]), refs.load(a[1]), cx) ? 1 : 0};
            case "syscall/js.copyBytesToGo" -> (inst, a) -> none(() -> {
                int ret = (int) a[0];
                Object src = refs.load(a[4]);
                if (!isByteArray(src)) {
                    memory.writeByte(ret + 4, (byte) 0);
                    return;
                }
                NativeArrayBufferView view = (NativeArrayBufferView) src;
                int n = (int) Math.min(a[2] & 0xFFFF_FFFFL, view.getByteLength());
                memory.write((int) a[1], view.getBuffer().getBuffer(), view.getByteOffset(), n);
                memory.writeI32(ret, n);
                memory.writeByte(ret + 4, (byte) 1);
            });
            case "syscall/js.copyBytesToJS" -> (inst, a) -> none(() -> {
                int ret = (int) a[0];
                Object dst = refs.load(a[1]);
                if (!isByteArray(dst)) {
                    memory.writeByte(ret + 4, (byte) 0);
                    return;
                }
                NativeArrayBufferView view = (NativeArrayBufferView) dst;
                int n = (int) Math.min(a[3] & 0xFFFF_FFFFL, view.getByteLength());
                System.arraycopy(memory.read((int) a[2], n), 0, view.getBuffer().getBuffer(),
                        view.getByteOffset(), n);
                memory.writeI32(ret, n);
                memory.writeByte(ret + 4, (byte) 1);
            });
            default -> throw new IllegalArgumentException("no implementation of " + name);
        };
    }

    private static long[] none(Runnable body) {
        body.run();
        return null;
    }

    private static long[] one(long value) {
        return new long[] {value};
    }

    /**
     * Runs a call, construction or invocation and writes its result (or the thrown value) at
     * {@code ret}, with the ok byte right after the 8-byte value. The program exiting inside the
     * call is not a JS exception: it keeps unwinding.
     */
    private void callInto(int ret, Supplier<Object> body) {
        Object result;
        boolean ok;
        try {
            result = body.get();
            ok = true;
        } catch (RhinoException e) {
            if (GuestCalls.causeOf(e, GoInstance.Exited.class).isPresent()
                    || GuestCalls.causeOf(e, ProcExit.class).isPresent()) {
                throw e;
            }
            result = thrownValue(e);
            ok = false;
        }
        memory.writeI64(ret, refs.store(result));
        memory.writeByte(ret + 8, (byte) (ok ? 1 : 0));
    }

    private static boolean isByteArray(Object v) {
        return v instanceof NativeUint8Array || v instanceof NativeUint8ClampedArray;
    }

    private Object thrownValue(RhinoException e) {
        if (e instanceof JavaScriptException js) {
            return js.getValue();
        }
        if (e instanceof EcmaError || e instanceof EvaluatorException) {
            return ScriptRuntime.wrapException(e, global, cx);
        }
        return cx.newObject(global, "Error", new Object[] {e.details()});
    }

    private String string(long ptr, long len) {
        return new String(HostBounds.read(memory, HostBounds.u32(ptr), HostBounds.u32(len), "a string from TinyGo"),
                StandardCharsets.UTF_8);
    }

    /** Fills guest memory from the world's random source, in bounded chunks (pointer and length unsigned i32s). */
    private void randomInto(long ptr, long len, String what) {
        HostBounds.fill(memory, HostBounds.u32(ptr), HostBounds.u32(len),
                bytes -> world.randomBytes(bytes, 0, bytes.length), what);
    }

    /** A slice of JS value references; its length is checked against memory before anything is allocated. */
    private Object[] values(long ptr, long len) {
        Object[] values = new Object[HostBounds.checkArray(memory, HostBounds.u32(ptr), HostBounds.u32(len), 8,
                "syscall/js call arguments")];
        for (int i = 0; i < values.length; i++) {
            values[i] = refs.load(memory.readI64((int) ptr + i * 8));
        }
        return values;
    }

    /** A string prepared for {@code valueLoadString}: only the program ever holds it. */
    private record Utf8(byte[] bytes) {}

    // ---- WASI preview1 ---------------------------------------------------------------------

    private HostFunction.Implementation wasi(String name) {
        return switch (name) {
            case "fd_write" -> (inst, a) -> errno(fdWrite((int) a[0], (int) a[1], (int) a[2], (int) a[3]));
            case "random_get" -> (inst, a) -> {
                randomInto(a[0], a[1], "random_get");
                return errno(ERRNO_SUCCESS);
            };
            case "clock_time_get" -> (inst, a) -> {
                long now = switch ((int) a[0]) {
                    case 0 -> {
                        Instant t = Instant.now();
                        yield t.getEpochSecond() * 1_000_000_000L + t.getNano();
                    }
                    // Monotonic and the CPU-time clocks: time since the instance started.
                    case 1, 2, 3 -> monotonicNanos();
                    default -> -1;
                };
                if (now < 0) {
                    return errno(ERRNO_INVAL);
                }
                memory.writeI64((int) a[2], now);
                return errno(ERRNO_SUCCESS);
            };
            case "clock_res_get" -> (inst, a) -> {
                if (a[0] < 0 || a[0] > 3) {
                    return errno(ERRNO_INVAL);
                }
                memory.writeI64((int) a[1], 1_000);
                return errno(ERRNO_SUCCESS);
            };
            case "args_sizes_get" -> (inst, a) -> sizes(args, (int) a[0], (int) a[1]);
            case "args_get" -> (inst, a) -> strings(args, (int) a[0], (int) a[1]);
            case "environ_sizes_get" -> (inst, a) -> sizes(environ, (int) a[0], (int) a[1]);
            case "environ_get" -> (inst, a) -> strings(environ, (int) a[0], (int) a[1]);
            case "proc_exit" -> (inst, a) -> {
                exited = true;
                exitCode = (int) a[0];
                go.put("exited", go, true);
                throw new ProcExit(exitCode);
            };
            case "sched_yield" -> (inst, a) -> errno(ERRNO_SUCCESS);
            // wasi-libc scans preopened directories until EBADF: there are none.
            case "fd_prestat_get" -> (inst, a) -> errno(ERRNO_BADF);
            default -> (inst, a) -> errno(ERRNO_NOSYS);
        };
    }

    private static long[] errno(int code) {
        return new long[] {code};
    }

    /** Writes fds 1 and 2 to the run's stdout and stderr; every other descriptor is bad (there are no files). */
    private int fdWrite(int fd, int iovs, int iovsLen, int nwrittenPtr) {
        if (fd != 1 && fd != 2) {
            return ERRNO_BADF;
        }
        // Each buffer goes out as it is read: the run's capture bounds what is kept, and the time limit is
        // checked between buffers, however many the guest lists.
        int count = HostBounds.checkArray(memory, HostBounds.u32(iovs), HostBounds.u32(iovsLen), 8, "fd_write iovecs");
        long written = 0;
        for (int i = 0; i < count; i++) {
            HostBounds.checkDeadline("fd_write");
            long len = HostBounds.u32(memory.readI32(iovs + i * 8 + 4));
            byte[] bytes = HostBounds.read(memory, HostBounds.u32(memory.readI32(iovs + i * 8)), len, "fd_write buffer");
            world.write(fd, bytes, 0, bytes.length);
            written += len;
        }
        memory.writeI32(nwrittenPtr, (int) written);
        return ERRNO_SUCCESS;
    }

    private long[] sizes(List<byte[]> list, int countPtr, int bufSizePtr) {
        int size = 0;
        for (byte[] s : list) {
            size += s.length + 1;
        }
        memory.writeI32(countPtr, list.size());
        memory.writeI32(bufSizePtr, size);
        return errno(ERRNO_SUCCESS);
    }

    private long[] strings(List<byte[]> list, int pointersPtr, int bufPtr) {
        int at = bufPtr;
        for (int i = 0; i < list.size(); i++) {
            byte[] s = list.get(i);
            memory.writeI32(pointersPtr + i * 4, at);
            memory.write(at, s);
            memory.writeByte(at + s.length, (byte) 0);
            at += s.length + 1;
        }
        return errno(ERRNO_SUCCESS);
    }
}
