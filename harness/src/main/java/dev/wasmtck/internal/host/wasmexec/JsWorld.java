package dev.wasmtck.internal.host.wasmexec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import java.util.Random;
import java.util.StringJoiner;
import org.mozilla.javascript.Callable;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.LambdaFunction;
import org.mozilla.javascript.ScriptRuntime;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;
import org.mozilla.javascript.SerializableCallable;
import org.mozilla.javascript.Undefined;
import org.mozilla.javascript.typedarrays.NativeArrayBufferView;

/**
 * The global object a Go js/wasm program lives in: Rhino's standard ECMAScript library (without any
 * access to Java) plus the host objects Go reaches for, which node or a browser would provide.
 *
 * <ul>
 *   <li>{@code setTimeout}/{@code setInterval} and their clear functions, on the instance's {@link EventLoop};
 *   <li>{@code crypto.getRandomValues}, from a per-instance generator that a case may seed;
 *   <li>{@code performance.now}, {@code console};
 *   <li>{@code fs}, {@code process.cwd}/{@code chdir} and {@code path.resolve}: {@link JsFileSystem}, over
 *       the folders the run was granted ({@link GuestFiles}; none by default);
 *   <li>{@code process} (no real ids).
 * </ul>
 */
final class JsWorld {
    /** Where a guest's stdout (fd 1) and stderr (fd 2) go. */
    interface Output {
        void write(int fd, byte[] bytes, int offset, int length) throws IOException;
    }

    private final Context cx;
    private final ScriptableObject global;
    private final EventLoop loop;
    private final Output output;
    private final Random random;
    private final long originNanos = System.nanoTime();
    private final JsFileSystem files;
    /** The world's memory bound, or null where nothing installed one (tools and tests). */
    private JsBounds bounds;
    /** Whether {@code fs} calls back from the event loop now rather than before it returns; see {@link GoInstance#run}. */
    private BooleanSupplier callBackLater = () -> false;

    JsWorld(Context cx, EventLoop loop, Output output, Random random) {
        this(cx, loop, output, random, GuestFiles.none());
    }

    JsWorld(Context cx, EventLoop loop, Output output, Random random, GuestFiles view) {
        this.cx = cx;
        this.files = new JsFileSystem(this, view);
        this.loop = loop;
        this.output = output;
        this.random = random;
        this.global = cx.initSafeStandardObjects(null, false);
        ScriptableObject.putProperty(global, "globalThis", global);
        installTimers();
        installConsole();
        installCrypto();
        installPerformance();
        installProcess();
    }

    Context cx() {
        return cx;
    }

    ScriptableObject global() {
        return global;
    }

    EventLoop loop() {
        return loop;
    }

    /** The world's memory bound, or null. */
    JsBounds bounds() {
        return bounds;
    }

    void bound(JsBounds bounds) {
        this.bounds = bounds;
    }

    boolean callBackLater() {
        return callBackLater.getAsBoolean();
    }

    void callBackLaterWhen(BooleanSupplier when) {
        this.callBackLater = when;
    }

    /** The guest's {@code fs}; close it when the run ends. */
    JsFileSystem files() {
        return files;
    }

    /** The instance's random generator (seeded when the case asks): WASI's {@code random_get} draws from it too. */
    Random random() {
        return random;
    }

    /** Fills {@code target[offset, offset+length)} from the instance's random generator. */
    void randomBytes(byte[] target, int offset, int length) {
        if (offset == 0 && length == target.length) {
            random.nextBytes(target);
        } else {
            byte[] tmp = new byte[length];
            random.nextBytes(tmp);
            System.arraycopy(tmp, 0, target, offset, length);
        }
    }

    /** Milliseconds since the instance started, as {@code performance.now()}. */
    double now() {
        return (System.nanoTime() - originNanos) / 1e6;
    }

    void write(int fd, byte[] bytes, int offset, int length) {
        try {
            output.write(fd, bytes, offset, length);
        } catch (IOException e) {
            throw ScriptRuntime.constructError("Error", "write to fd " + fd + " failed: " + e.getMessage());
        }
    }

    Scriptable newObject() {
        return cx.newObject(global);
    }

    /** An Error with a Node-style {@code code} ("ENOSYS", "EBADF"). */
    Scriptable errnoError(String code, String message) {
        Scriptable err = cx.newObject(global, "Error", new Object[] {message});
        ScriptableObject.putProperty(err, "code", code);
        return err;
    }

    LambdaFunction function(String name, int arity, SerializableCallable body) {
        return new LambdaFunction(global, name, arity, body);
    }

    private void define(Scriptable target, String name, int arity, SerializableCallable body) {
        ScriptableObject.putProperty(target, name, function(name, arity, body));
    }

    private void installTimers() {
        SerializableCallable setTimeout = (c, scope, self, args) -> schedule(args, false);
        SerializableCallable clear = (c, scope, self, args) -> {
            if (args.length > 0 && args[0] instanceof Number n) {
                loop.cancel(n.intValue());
            }
            return Undefined.instance;
        };
        define(global, "setTimeout", 2, setTimeout);
        define(global, "setInterval", 2, (c, scope, self, args) -> schedule(args, true));
        define(global, "clearTimeout", 1, clear);
        define(global, "clearInterval", 1, clear);
        define(global, "queueMicrotask", 1, (c, scope, self, args) -> {
            Callable fn = callable(args, 0, "queueMicrotask");
            c.enqueueMicrotask(() -> fn.call(c, global, Undefined.SCRIPTABLE_UNDEFINED, ScriptRuntime.emptyArgs));
            return Undefined.instance;
        });
    }

    private Object schedule(Object[] args, boolean repeat) {
        Callable fn = callable(args, 0, repeat ? "setInterval" : "setTimeout");
        double delay = args.length > 1 ? ScriptRuntime.toNumber(args[1]) : 0;
        Object[] extra = args.length > 2 ? java.util.Arrays.copyOfRange(args, 2, args.length) : ScriptRuntime.emptyArgs;
        int[] id = new int[1];
        Runnable[] task = new Runnable[1];
        task[0] = () -> {
            if (repeat) {
                // An interval keeps its id across runs so clearInterval works from inside the callback.
                loop.scheduleAs(id[0], Math.max(1, delay), task[0]);
            }
            fn.call(cx, global, Undefined.SCRIPTABLE_UNDEFINED, extra);
            cx.processMicrotasks();
        };
        id[0] = loop.schedule(delay, task[0]);
        return id[0];
    }

    private static Callable callable(Object[] args, int index, String what) {
        if (args.length <= index || !(args[index] instanceof Callable fn)) {
            throw ScriptRuntime.typeError(what + ": the callback must be a function");
        }
        return fn;
    }

    private void installConsole() {
        Scriptable console = newObject();
        SerializableCallable out = (c, scope, self, args) -> line(1, args);
        SerializableCallable err = (c, scope, self, args) -> line(2, args);
        define(console, "log", 0, out);
        define(console, "info", 0, out);
        define(console, "debug", 0, out);
        define(console, "warn", 0, err);
        define(console, "error", 0, err);
        ScriptableObject.putProperty(global, "console", console);
    }

    private Object line(int fd, Object[] args) {
        StringJoiner joined = new StringJoiner(" ", "", "\n");
        for (Object a : args) {
            joined.add(ScriptRuntime.toString(a));
        }
        byte[] bytes = joined.toString().getBytes(StandardCharsets.UTF_8);
        write(fd, bytes, 0, bytes.length);
        return Undefined.instance;
    }

    private void installCrypto() {
        Scriptable crypto = newObject();
        define(crypto, "getRandomValues", 1, (c, scope, self, args) -> {
            if (args.length == 0 || !(args[0] instanceof NativeArrayBufferView view)) {
                throw ScriptRuntime.typeError("crypto.getRandomValues: expected an integer typed array");
            }
            randomBytes(view.getBuffer().getBuffer(), view.getByteOffset(), view.getByteLength());
            return view;
        });
        ScriptableObject.putProperty(global, "crypto", crypto);
    }

    private void installPerformance() {
        Scriptable performance = newObject();
        define(performance, "now", 0, (c, scope, self, args) -> now());
        ScriptableObject.putProperty(global, "performance", performance);
    }

    private void installProcess() {
        Scriptable process = newObject();
        for (String id : new String[] {"getuid", "getgid", "geteuid", "getegid"}) {
            define(process, id, 0, (c, scope, self, args) -> -1);
        }
        for (String op : new String[] {"getgroups", "umask"}) {
            define(process, op, 0, (c, scope, self, args) -> {
                throw new org.mozilla.javascript.JavaScriptException(errnoError("ENOSYS", "not implemented"), null, 0);
            });
        }
        ScriptableObject.putProperty(process, "pid", -1);
        ScriptableObject.putProperty(process, "ppid", -1);
        ScriptableObject.putProperty(global, "process", process);
        Scriptable path = newObject();
        ScriptableObject.putProperty(global, "path", path);
        files.install(global, process, path);
    }

    /** Runs a host-side script (a case's {@code js:} snippet) in this world. */
    Object eval(String source, String sourceName, int line) {
        Object result = cx.evaluateString(global, source, sourceName, line, null);
        cx.processMicrotasks();
        return result;
    }
}
