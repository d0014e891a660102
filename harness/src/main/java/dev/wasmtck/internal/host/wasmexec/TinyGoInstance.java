package dev.wasmtck.internal.host.wasmexec;

import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.runtime.Limits;
import dev.wasmtck.abi.wasmexec.AfterExit;
import dev.wasmtck.runtime.CompiledModule;
import dev.wasmtck.module.FunctionType;
import dev.wasmtck.internal.runtime.GuestCalls;
import dev.wasmtck.internal.runtime.HostBounds;
import dev.wasmtck.runtime.HostFunction;
import dev.wasmtck.runtime.LinearMemory;
import dev.wasmtck.module.ModuleShape;
import dev.wasmtck.module.ValueType;
import dev.wasmtck.internal.runtime.WasiExit;
import dev.wasmtck.runtime.WasmFunction;
import dev.wasmtck.runtime.WasmInstance;
import dev.wasmtck.internal.runtime.wasi.WasiOptions;
import dev.wasmtck.internal.runtime.wasi.WasiPreview1;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One running TinyGo js/wasm program ({@code tinygo build -target wasm}): the Java counterpart of the
 * {@code Go} class in TinyGo's own {@code wasm_exec.js}. The JS side (world, reference table, the Go
 * object with {@code _pendingEvent} and {@code _makeFuncWrapper}) is the same as for Go; what differs
 * is the wasm side:
 *
 * <ul>
 *   <li>imports take ordinary wasm parameters: a JS value is an i64 NaN-boxed reference (in builds of
 *       TinyGo 0.28 and older, the address of one in memory: see {@link #adapt}), a string pointer and
 *       length, a slice pointer, length and capacity (all i32), and a function with two results writes
 *       them through a return pointer passed first;
 *   <li>output, exit, randomness, clocks, arguments and environment come through WASI preview1: the
 *       kit's one {@link WasiPreview1}, with this program's world behind it ({@link #wasiOptions});
 *   <li>the program starts with {@code _start} (or {@code _initialize}); goroutines blocked in a sleep
 *       are woken by calling the export {@code go_scheduler} when the time asked for with
 *       {@code runtime.sleepTicks} has passed; {@code resume} handles a pending event;
 *   <li>{@code proc_exit} ends the program: it unwinds the wasm stack up to the export the host called.
 * </ul>
 */
final class TinyGoInstance extends JsGuest {
    private WasmInstance instance;
    private LinearMemory memory;
    /** {@code _start} for a command, {@code _initialize} for a reactor, {@code cwa_main} before TinyGo 0.12. */
    private String entry;
    /** The one pending {@code go_scheduler} wake-up (timer id, due in ticks), as TinyGo's glue keeps it. */
    private int wakeup;
    private long wakeupDueNanos;

    /** {@code beforeWasi}: a build of TinyGo before 0.12 ({@link TinyGoImports#beforeWasi}). */
    TinyGoInstance(JsWorld world, AfterExit afterExit, List<String> argv, Map<String, String> env, boolean beforeWasi) {
        super(world, afterExit, argv, env, beforeWasi);
    }

    @Override
    void instantiate(CompiledModule module, Limits limits) throws GuestFault {
        WasiPreview1 wasi = new WasiPreview1(wasiOptions());
        List<HostFunction> imports = new ArrayList<>();
        for (ModuleShape.Import f : module.shape().functionImports()) {
            imports.add(WasiPreview1.isWasiModule(f.module()) ? Objects.requireNonNull(wasi.function(f.module(), f.name()),
                    f::qualifiedName) : new HostFunction(f.module(), f.name(), f.type(), adapt(f.name(), f.type(), js(f.name(), f.type()))));
        }
        instance = module.instantiate(imports, limits);
        memory = instance.memory();
        // Before 0.12, _start only initialised the runtime and the glue ran the program with cwa_main.
        entry = TinyGoImports.beforeWasi(module.shape()) ? "cwa_main"
                : module.shape().exportedFunction("_start").isPresent() ? "_start" : "_initialize";
    }

    /**
     * The program's WASI: the run's command line and environment, output into the world's (the same
     * capture as everything else the program writes), the world's random source, the system clocks
     * (monotonic from instantiation), and an exit that marks the program exited before {@code proc_exit}
     * unwinds it (to {@link #enter}).
     */
    private WasiOptions wasiOptions() {
        Map<String, String> sorted = new TreeMap<>(env);
        return WasiOptions.builder()
                .withArguments(argv)
                .withEnvironment(sorted)
                .withStdout((bytes, offset, length) -> world.write(1, bytes, offset, length))
                .withStderr((bytes, offset, length) -> world.write(2, bytes, offset, length))
                .withRandom(world.random())
                .withExitHandler(code -> {
                    exited = true;
                    exitCode = code;
                    go.put("exited", go, true);
                })
                .build();
    }

    @Override
    LinearMemory memory() {
        return memory;
    }

    /** Calls the entry point; WASI, where imported, hands the program its command line. */
    @Override
    void run() {
        go.put("argv", go, cx.newArray(global, argv.toArray()));
        enter(instance.function(entry));
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
            if (GuestCalls.causeOf(e, WasiExit.class).isEmpty()) {
                throw e;
            }
        }
    }

    /** Lets the program handle {@code _pendingEvent}: the export {@code resume}. */
    @Override
    void resumeGuest() {
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
        if (fn == null || TinyGoImports.conventionOf(name, type)
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

    /** The body of each TinyGo import, over JS values as i64 references ({@link TinyGoImports#SYSCALL_JS}). */
    private HostFunction.Implementation js(String name, FunctionType type) {
        return switch (name) {
            case "runtime.ticks" -> type.results().get(0).equals(ValueType.F64)
                    ? (inst, a) -> new long[] {Double.doubleToRawLongBits(wallClockNanos() / 1e6)}
                    : (inst, a) -> new long[] {wallClockNanos()};
            case "runtime.sleepTicks" -> type.params().get(0).equals(ValueType.F64)
                    ? (inst, a) -> none(() -> sleep((long) (Double.longBitsToDouble(a[0]) * 1e6)))
                    : (inst, a) -> none(() -> sleep(a[0]));
            case "io_get_stdout" -> (inst, a) -> new long[] {1};
            case "resource_write" -> (inst, a) -> new long[] {resourceWrite((int) a[0], HostBounds.u32(a[1]), HostBounds.u32(a[2]))};
            case "runtime.getRandomData" -> (inst, a) -> none(() -> randomData(HostBounds.u32(a[0]), HostBounds.u32(a[1])));
            case "syscall/js.finalizeRef" -> (inst, a) -> none(() -> js.finalizeRef((int) a[0]));
            case "syscall/js.stringVal" -> (inst, a) -> ref(js.stringVal(string(a[0], a[1])));
            case "syscall/js.valueGet" -> (inst, a) -> ref(js.valueGet(refs.load(a[0]), string(a[1], a[2])));
            case "syscall/js.valueSet" -> (inst, a) -> none(() ->
                    js.valueSet(refs.load(a[0]), string(a[1], a[2]), refs.load(a[3])));
            case "syscall/js.valueDelete" -> (inst, a) -> none(() -> js.valueDelete(refs.load(a[0]), string(a[1], a[2])));
            case "syscall/js.valueIndex" -> (inst, a) -> ref(js.valueIndex(refs.load(a[0]), (int) a[1]));
            case "syscall/js.valueSetIndex" -> (inst, a) -> none(() ->
                    js.valueSetIndex(refs.load(a[0]), (int) a[1], refs.load(a[2])));
            case "syscall/js.valueCall" -> (inst, a) -> called(a[0],
                    js.valueCall(refs.load(a[1]), string(a[2], a[3]), values(a[4], a[5])));
            case "syscall/js.valueInvoke" -> (inst, a) -> called(a[0], js.valueInvoke(refs.load(a[1]), values(a[2], a[3])));
            case "syscall/js.valueNew" -> (inst, a) -> called(a[0], js.valueNew(refs.load(a[1]), values(a[2], a[3])));
            case "syscall/js.valueLength" -> (inst, a) -> new long[] {(int) js.valueLength(refs.load(a[0]))};
            case "syscall/js.valuePrepareString" -> (inst, a) -> none(() -> {
                JsSyscalls.Utf8 utf8 = js.valuePrepareString(refs.load(a[1]));
                int ret = (int) a[0];
                memory.writeI64(ret, refs.store(utf8));
                memory.writeI32(ret + 8, utf8.bytes().length);
            });
            case "syscall/js.valueLoadString" -> (inst, a) -> none(() ->
                    js.valueLoadString(refs.load(a[0]), memory, HostBounds.u32(a[1]), HostBounds.u32(a[2])));
            case "syscall/js.valueInstanceOf" -> (inst, a) ->
                    new long[] {js.valueInstanceOf(refs.load(a[0]), refs.load(a[1])) ? 1 : 0};
            case "syscall/js.copyBytesToGo" -> (inst, a) -> copied(a[0],
                    js.copyBytesToGo(memory, HostBounds.u32(a[1]), HostBounds.u32(a[2]), refs.load(a[4])));
            case "syscall/js.copyBytesToJS" -> (inst, a) -> copied(a[0],
                    js.copyBytesToJS(refs.load(a[1]), memory, HostBounds.u32(a[2]), HostBounds.u32(a[3])));
            default -> throw new IllegalArgumentException("no implementation of " + name);
        };
    }

    /**
     * Output before TinyGo 0.12: descriptor 1 (what {@code io_get_stdout} answers) and 2 go to the case's
     * stdout and stderr and answer the length; any other writes nothing and answers 0, as the glue, which
     * only logged a complaint and returned nothing, did.
     */
    private int resourceWrite(int fd, long ptr, long len) {
        if (fd != 1 && fd != 2) {
            return 0;
        }
        byte[] bytes = HostBounds.read(memory, ptr, len, "the bytes of resource_write");
        world.write(fd, bytes, 0, bytes.length);
        return bytes.length;
    }

    private static long[] none(Runnable body) {
        body.run();
        return null;
    }

    /** A JS value as the i64 reference TinyGo's glue returns. */
    private long[] ref(Object value) {
        return new long[] {refs.store(value)};
    }

    /** A call's result through the return pointer {@code ret}: the value's reference, then the ok byte. */
    private long[] called(long ret, JsSyscalls.Called called) {
        memory.writeI64((int) ret, refs.store(called.value()));
        memory.writeByte((int) ret + 8, (byte) (called.ok() ? 1 : 0));
        return null;
    }

    /** What {@code copyBytesTo*} report through {@code ret}: the count (i32) and the ok byte after it. */
    private long[] copied(long ret, long copied) {
        if (copied < 0) {
            memory.writeByte((int) ret + 4, (byte) 0);
            return null;
        }
        memory.writeI32((int) ret, (int) copied);
        memory.writeByte((int) ret + 4, (byte) 1);
        return null;
    }

    private String string(long ptr, long len) {
        return JsSyscalls.string(memory, HostBounds.u32(ptr), HostBounds.u32(len), "a string from TinyGo");
    }

    /** A slice of JS value references; its length is checked against memory before anything is allocated. */
    private Object[] values(long ptr, long len) {
        return js.values(memory, HostBounds.u32(ptr), HostBounds.u32(len), "syscall/js call arguments");
    }
}
