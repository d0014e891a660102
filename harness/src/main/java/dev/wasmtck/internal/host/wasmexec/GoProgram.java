package dev.wasmtck.internal.host.wasmexec;

import dev.wasmtck.abi.wasmexec.JsHostFunction;
import dev.wasmtck.abi.wasmexec.AfterExit;
import dev.wasmtck.abi.wasmexec.WasmExecSettings;

import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.runtime.GuestFault.Kind;
import dev.wasmtck.runtime.Limits;
import dev.wasmtck.runtime.CompiledModule;
import dev.wasmtck.runtime.LinearMemory;
import dev.wasmtck.runtime.MemoryCap;
import dev.wasmtck.internal.runtime.GuestCalls;
import dev.wasmtck.internal.runtime.Watchdog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.mozilla.javascript.Callable;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.JavaScriptException;
import org.mozilla.javascript.RhinoException;
import org.mozilla.javascript.ScriptRuntime;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;

/**
 * One run of a Go js/wasm program, as node runs it: set up the JS world, run {@code main}, serve the
 * event loop until nothing is scheduled, then either call a registered function or, when nothing is
 * left to do and the program has not exited, report the deadlock the way Go's runner does. Must be
 * called on the guest's own thread ({@link dev.wasmtck.runtime.GuestThread}).
 */
final class GoProgram {
    /** What a run left behind. {@code result} is the called function's value as plain Java, or null. */
    record Result(Integer exitCode, Object result, boolean called, Map<String, byte[]> globals) {}

    /** Captures stdout and stderr up to a bound, so a chatty guest cannot exhaust the host. */
    static final class Capture implements JsWorld.Output {
        static final int LIMIT = 16 << 20;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteArrayOutputStream err = new ByteArrayOutputStream();
        private boolean truncated;

        @Override
        public void write(int fd, byte[] bytes, int offset, int length) {
            ByteArrayOutputStream target = fd == 2 ? err : out;
            int room = LIMIT - target.size();
            if (length > room) {
                truncated = true;
                length = Math.max(0, room);
            }
            target.write(bytes, offset, length);
        }

        String stdout() {
            return out.toString(StandardCharsets.UTF_8) + (truncated ? "\n[output truncated at 16 MiB]" : "");
        }

        String stderr() {
            return err.toString(StandardCharsets.UTF_8);
        }
    }

    private final CompiledModule module;
    private final WasmExecSettings settings;
    private final Limits limits;
    private final JsWorld.Output output;
    /** What the guest is doing, for messages. */
    private String running = "main";
    /** Built by TinyGo ({@code -target wasm}) rather than Go: a different import layer, the same JS world. */
    private final boolean tinyGo;
    private JsGuest go;
    /** Watches this run; initialisation ends when main has settled before a call, or before main otherwise. */
    private Watchdog watchdog;

    /** Extra set-up of the JS world before main (fake waPC's {@code wapc} object), or null. */
    private java.util.function.Consumer<JsWorld> setup;
    /** For calls whose answer arrives later (fake waPC): keep the event loop going until this holds. */
    private java.util.function.BooleanSupplier answered;
    /** Serves calls after main (a pooled instance), or null for one run with at most one call. */
    private Server server;

    GoProgram(CompiledModule module, WasmExecSettings settings, Limits limits, JsWorld.Output output) {
        this.module = module;
        this.settings = settings;
        this.limits = limits;
        this.output = output;
        this.tinyGo = JsModuleShape.of(module.shape())
                .filter(s -> s == JsModuleShape.TINYGO).isPresent();
    }

    GoProgram withSetup(java.util.function.Consumer<JsWorld> setup) {
        this.setup = setup;
        return this;
    }

    /** The launcher's file view, instead of the one the settings grant. */
    private GuestFiles view;

    GoProgram withFiles(GuestFiles view) {
        this.view = view;
        return this;
    }

    GoProgram awaiting(java.util.function.BooleanSupplier answered) {
        this.answered = answered;
        return this;
    }

    /**
     * A pooled instance's serving loop ({@link FakeWapcInstance}): once main has settled, it calls the
     * program's globals as often as it likes on this thread, then returns to end the run.
     */
    interface Server {
        /**
         * The watchdog of the call being served, owned by its caller, who passes its interrupt on to
         * this thread: a served run has none of its own, since it outlives every call.
         */
        Watchdog watchdog();

        void serve(Calls calls) throws GuestFault, InterruptedException;
    }

    /** Calls a global of the running program, as {@link #run} calls its one function. */
    interface Calls {
        Object call(String function, List<Object> args) throws GuestFault, InterruptedException;
    }

    /** Serves calls through {@code server} after main instead of making one call. */
    GoProgram serving(Server server) {
        this.server = server;
        return this;
    }

    /** The watchdog in charge now. */
    private Watchdog watch() {
        return server != null ? server.watchdog() : watchdog;
    }

    /**
     * Runs the program and, if {@code function} is non-empty, calls that global with {@code args}.
     *
     * @param args plain Java argument values (see {@link JsValues})
     * @param observe globals to read back at the end
     */
    Result run(String function, List<Object> args, List<String> observe) throws GuestFault {
        GuestFiles files;
        try {
            files = view != null ? view : GuestFiles.granted(settings.files());
        } catch (IOException e) {
            throw new GuestFault(Kind.HOST_ERROR, "cannot set up the guest's files: " + e, e);
        }
        Context cx = JsEngine.open();
        JsWorld[] opened = new JsWorld[1];
        try (files; Watchdog watchdog = server == null ? Watchdog.forInitialisation(limits) : null) {
            this.watchdog = watchdog;
            try {
                Random random = settings.randomSeed() == null ? new SecureRandom() : new Random(settings.randomSeed());
                JsWorld world = new JsWorld(cx, new EventLoop(), output, random, files);
                JsBounds.install(world, limits.maxMemoryBytes());
                opened[0] = world;
                Result[] result = new Result[1];
                // Rhino wants calls into JS to happen inside a "top call"; the whole run is one.
                ScriptRuntime.doTopCall((c, scope, self, a) -> {
                    try {
                        result[0] = body(world, function, args, observe);
                    } catch (GuestFault | InterruptedException e) {
                        throw new Checked(e);
                    }
                    return null;
                }, cx, world.global(), world.global(), ScriptRuntime.emptyArgs, false);
                return result[0];
            } catch (Checked e) {
                if (e.getCause() instanceof GuestFault f) {
                    throw f;
                }
                throw new GuestFault(Kind.TIMEOUT, watch().timeoutMessage() + " (while running " + running + ")", e);
            } catch (JsEngine.Interrupted e) {
                throw new GuestFault(Kind.TIMEOUT, watch().timeoutMessage() + " (while running " + running + ")", e);
            } catch (RhinoException e) {
                if (watch().fired()) {
                    throw new GuestFault(Kind.TIMEOUT, watch().timeoutMessage() + " (while running " + running + ")", e);
                }
                throw new GuestFault(Kind.TRAP, "uncaught JavaScript exception while running " + running + ": "
                        + e.details() + location(e), e);
            } catch (RuntimeException | VirtualMachineError e) {
                GuestFault f = GuestCalls.translate(e, running, watch());
                if (f.kind() == Kind.TRAP && go != null && atMemoryCap(go)) {
                    throw new GuestFault(Kind.MEMORY_LIMIT, f.getMessage() + " (memory is at the case's limit of "
                            + MemoryCap.describe(limits.maxMemoryPages()) + ")", e);
                }
                throw f;
            } finally {
                // Before the try's resources: what the guest left open closes before its scratch goes.
                if (opened[0] != null) {
                    opened[0].bounds().close();
                    opened[0].files().close();
                }
            }
        } catch (IOException e) {
            throw new GuestFault(Kind.HOST_ERROR, "cannot remove the guest's scratch folder: " + e, e);
        } finally {
            Context.exit();
        }
    }

    private static boolean exitedInside(Throwable e) {
        return GuestCalls.causeOf(e, JsGuest.Exited.class).isPresent();
    }

    /** A checked exception on its way out of Rhino's top call. */
    private static final class Checked extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Checked(Exception cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    private Result body(JsWorld world, String function, List<Object> args, List<String> observe)
            throws GuestFault, InterruptedException {
        List<String> argv = new ArrayList<>();
        argv.add(settings.program());
        argv.addAll(settings.args());
        go = tinyGo ? new TinyGoInstance(world, settings.afterExit(), argv, settings.env(),
                        TinyGoImports.beforeWasi(module.shape()))
                : new GoInstance(world, settings.afterExit(), argv, settings.env());
        prepareWorld(world);
        go.instantiate(module, limits);
        Object result = null;
        boolean called = false;
        boolean callsFunction = function != null && !function.isEmpty();
        if (!callsFunction && server == null) {
            watchdog.beginCall(limits); // main is the call
        }
        try {
            go.run();
            go.settle();
            if (server != null) {
                server.serve((fn, fnArgs) -> {
                    running = fn;
                    return call(world, go, fn, fnArgs);
                });
            } else if (callsFunction) {
                watchdog.beginCall(limits);
                running = function;
                result = call(world, go, function, args);
                called = true; // not when Go exited inside the call: then it returned nothing, as under node
            } else if (!go.exited()) {
                running = "main (deadlock report)";
                go.reportDeadlock();
                go.settle();
            }
        } catch (RuntimeException e) {
            if (!exitedInside(e)) {
                throw e;
            }
            // The program exited while JS called into it: the run ends here, as node's process would.
        }
        Map<String, byte[]> globals = new LinkedHashMap<>();
        for (String name : observe) {
            globals.put(name, readGlobal(world, name));
        }
        Integer exit = go.exited() ? go.exitCode() : null;
        return new Result(exit, result, called, globals);
    }

    private boolean atMemoryCap(JsGuest go) {
        LinearMemory memory = go.memory();
        return memory != null && dev.wasmtck.runtime.MemoryCap.of(module.shape(), limits).atCaseLimit(memory);
    }

    private void prepareWorld(JsWorld world) throws GuestFault {
        if (setup != null) {
            setup.accept(world);
        }
        Scriptable global = world.global();
        for (Map.Entry<String, byte[]> g : settings.globals().entrySet()) {
            try {
                ScriptableObject.putProperty(global, g.getKey(), JsValues.toJs(JsValues.unpack(g.getValue()),
                        world.cx(), global));
            } catch (IOException | IllegalArgumentException e) {
                throw new GuestFault(Kind.PROTOCOL, "global '" + g.getKey() + "' has no JS form: " + e.getMessage(), e);
            }
        }
        if (!settings.functions().isEmpty()) {
            for (String name : settings.functions()) {
                JsHostFunction f = JsHostFunctions.byName().get(name);
                if (f == null) {
                    throw new GuestFault(Kind.LINK, "no Java host function named '" + name + "' is registered");
                }
                ScriptableObject.putProperty(global, name, world.function(name, 0, (c, scope, self, jsArgs) ->
                        callJava(world, f, jsArgs)));
            }
        }
        if (settings.js() != null) {
            String where = settings.jsWhere() == null ? "case js" : settings.jsWhere().location();
            int line = settings.jsWhere() == null ? 1 : Math.max(1, settings.jsWhere().line());
            try {
                world.eval(settings.js(), where, line);
            } catch (RhinoException e) {
                throw new GuestFault(Kind.HOST_ERROR, "the case's js failed: " + e.details() + location(e), e);
            }
        }
    }

    private static Object callJava(JsWorld world, JsHostFunction f, Object[] jsArgs) {
        List<Object> args = new ArrayList<>();
        for (Object a : jsArgs) {
            args.add(JsValues.toJava(a));
        }
        Object result;
        try {
            result = f.call(args);
        } catch (Exception e) {
            Scriptable error = world.cx().newObject(world.global(), "Error",
                    new Object[] {f.name() + ": " + (e.getMessage() == null ? e.toString() : e.getMessage())});
            throw new JavaScriptException(error, null, 0);
        }
        return JsValues.toJs(result, world.cx(), world.global());
    }

    private Object call(JsWorld world, JsGuest go, String function, List<Object> args) throws GuestFault,
            InterruptedException {
        if (go.exited() && settings.afterExit() == AfterExit.REFUSE) {
            throw new GuestFault(Kind.EXIT, "the program exited with code " + go.exitCode() + " before " + function
                    + " could be called; a program that serves calls keeps running (select {}), or the case sets"
                    + " host: {after-exit: serve}");
        }
        Object fn = ScriptableObject.getProperty(world.global(), function);
        if (!(fn instanceof Callable callable)) {
            String what = fn == Scriptable.NOT_FOUND ? "not defined" : "a " + ScriptRuntime.typeof(fn);
            throw new GuestFault(Kind.LINK, "global '" + function + "' is " + what + " after main ran; the guest"
                    + " must register it with js.Global().Set(\"" + function + "\", js.FuncOf(...))");
        }
        Object[] jsArgs = new Object[args.size()];
        for (int i = 0; i < jsArgs.length; i++) {
            jsArgs[i] = JsValues.toJs(args.get(i), world.cx(), world.global());
        }
        Object result;
        try {
            result = callable.call(world.cx(), world.global(), world.global(), jsArgs);
            world.cx().processMicrotasks();
            while (answered != null && !answered.getAsBoolean() && world.loop().runNext()) {
                world.cx().processMicrotasks();
            }
        } catch (JavaScriptException e) {
            throw new GuestFault(Kind.GUEST_ERROR, function + " threw " + describeThrown(e.getValue()), e);
        } catch (org.mozilla.javascript.EcmaError e) {
            throw new GuestFault(Kind.GUEST_ERROR, function + " threw " + e.getName() + ": " + e.getErrorMessage(), e);
        }
        try {
            return JsValues.toJava(result);
        } catch (IllegalArgumentException e) {
            throw new GuestFault(Kind.PROTOCOL, function + " returned a value with no MessagePack form: "
                    + e.getMessage(), e);
        }
    }

    private static String describeThrown(Object value) {
        if (value instanceof Scriptable s && "Error".equals(s.getClassName())) {
            return ScriptRuntime.toString(ScriptableObject.getProperty(s, "name")) + ": "
                    + ScriptRuntime.toString(ScriptableObject.getProperty(s, "message"));
        }
        return ScriptRuntime.toString(value);
    }

    private static byte[] readGlobal(JsWorld world, String name) throws GuestFault {
        Object v = ScriptableObject.getProperty(world.global(), name);
        try {
            return JsValues.pack(v == Scriptable.NOT_FOUND ? null : JsValues.toJava(v));
        } catch (IllegalArgumentException e) {
            throw new GuestFault(Kind.PROTOCOL, "global '" + name + "' has no MessagePack form: " + e.getMessage(), e);
        }
    }

    private static String location(RhinoException e) {
        return e.sourceName() == null ? "" : " (" + e.sourceName() + ":" + e.lineNumber() + ")";
    }
}
