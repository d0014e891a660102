package dev.wasmtck.internal.host.wasmexec;

import dev.wasmtck.abi.wasmexec.AfterExit;
import dev.wasmtck.internal.runtime.GuestCalls;
import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.runtime.Limits;
import dev.wasmtck.runtime.CompiledModule;
import dev.wasmtck.internal.runtime.HostBounds;
import dev.wasmtck.runtime.LinearMemory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.Function;
import org.mozilla.javascript.JavaScriptException;
import org.mozilla.javascript.ScriptRuntime;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;
import org.mozilla.javascript.Undefined;

/**
 * A Go program living in a {@link JsWorld}, whichever compiler built it: {@link GoInstance} for Go's
 * own js/wasm port (stack-pointer imports), {@link TinyGoInstance} for TinyGo's {@code -target wasm}
 * (ordinary wasm parameters and WASI). {@link GoProgram} drives either through this. An abstract
 * class rather than an interface so that the methods stay package-private.
 */
abstract class JsGuest {
    final JsWorld world;
    final Context cx;
    final Scriptable global;
    /** The JS {@code Go} object both glues keep their protocol state on. */
    final ScriptableObject go;
    final RefTable refs;
    /** The {@code syscall/js} operations over this world and {@link #refs}. */
    final JsSyscalls js;
    final AfterExit afterExit;
    /** The command line (program name first) and environment the program runs with. */
    final List<String> argv;
    final Map<String, String> env;
    private final long wallOriginNanos;
    private final long monoOrigin = System.nanoTime();
    /** Calls of {@link #resume} that have not returned: the program is handling an event. */
    private int resuming;
    /** Set by the program's exit import. */
    boolean exited;
    int exitCode;

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

    JsGuest(JsWorld world, AfterExit afterExit, List<String> argv, Map<String, String> env) {
        this(world, afterExit, argv, env, false);
    }

    /**
     * With {@code memorySlot}, the reference table of Go 1.12's era, which TinyGo's glue kept before 0.12:
     * id 6 stands for the wasm memory (an empty object here: the linear memory cannot be shared with
     * the JS world, so Go 1.12's {@code TypedArrayOf} has no buffer to view) and the Go object is id 7.
     */
    JsGuest(JsWorld world, AfterExit afterExit, List<String> argv, Map<String, String> env, boolean memorySlot) {
        this.world = world;
        this.argv = List.copyOf(argv);
        this.env = Map.copyOf(env);
        this.cx = world.cx();
        this.global = world.global();
        this.afterExit = afterExit;
        Instant now = Instant.now();
        this.wallOriginNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        this.go = (ScriptableObject) cx.newObject(global);
        this.refs = new RefTable(global, memorySlot ? cx.newObject(global) : null, go, world.bounds());
        this.js = new JsSyscalls(cx, global, refs);
        // syscall/js reads _pendingEvent on every resume and returns early only on null.
        go.put("_pendingEvent", go, null);
        go.put("exited", go, false);
        go.put("_makeFuncWrapper", go, world.function("_makeFuncWrapper", 1, (c, scope, self, args) ->
                wrapper((int) ScriptRuntime.toNumber(args.length > 0 ? args[0] : Undefined.instance))));
    }

    /** Wall-clock time in nanoseconds since the epoch, advancing monotonically from the instance's start. */
    final long wallClockNanos() {
        return wallOriginNanos + (System.nanoTime() - monoOrigin);
    }

    /**
     * Lets the program run its pending event ({@code go._pendingEvent}); refused once it exited, as the
     * official glue refuses, unless the host keeps serving.
     */
    final void resume() {
        if (stopped()) {
            throw new JavaScriptException(cx.newObject(global, "Error",
                    new Object[] {"Go program has already exited"}), null, 0);
        }
        resuming++;
        try {
            resumeGuest();
        } finally {
            resuming--;
        }
    }

    /** Whether the program is handling an event (a timer, a call from JS) rather than running on its own. */
    final boolean resuming() {
        return resuming > 0;
    }

    /** Calls the program's export that handles a pending event. */
    abstract void resumeGuest();

    /** The program exited and the host refuses further calls ({@code after-exit: refuse}). */
    final boolean stopped() {
        return exited && afterExit == AfterExit.REFUSE;
    }

    final boolean exited() {
        return exited;
    }

    final int exitCode() {
        return exitCode;
    }

    /**
     * A JS function that runs the program's wrapped function {@code id}: the {@code _makeFuncWrapper}
     * protocol, the same for Go and TinyGo. An exit inside the call ends the run, as in node.
     */
    private Function wrapper(int id) {
        return world.function("goFunc" + id, 0, (c, scope, self, args) -> {
            Scriptable event = c.newObject(global);
            event.put("id", event, id);
            event.put("this", event, self == null || self == Undefined.SCRIPTABLE_UNDEFINED ? Undefined.instance : self);
            event.put("args", event, c.newArray(global, args));
            go.put("_pendingEvent", go, event);
            resume();
            if (stopped()) {
                throw new Exited();
            }
            Object result = event.get("result", event);
            return result == Scriptable.NOT_FOUND ? Undefined.instance : result;
        });
    }

    /** Instantiates the module with this program's imports. */
    abstract void instantiate(CompiledModule module, Limits limits) throws GuestFault;

    /** Starts the program with its command line and environment; returns when it blocks or exits. */
    abstract void run() throws GuestFault;

    /**
     * Runs due timers and pending microtasks until nothing is scheduled or the program exited. This is
     * node's event loop for one program: what it does after the program starts and after every call.
     */
    final void settle() throws InterruptedException {
        cx.processMicrotasks();
        try {
            while (!stopped() && world.loop().runNext()) {
                cx.processMicrotasks();
            }
        } catch (RuntimeException e) {
            // An exit inside an event the loop ran (an fs callback, a timer) has no JS caller to unwind
            // to: the program has simply exited, as wasm_exec.js records it, and the run goes on.
            if (!stopped() || GuestCalls.causeOf(e, Exited.class).isEmpty()) {
                throw e;
            }
        }
    }

    /**
     * {@code runtime.getRandomData} of both glues ({@code crypto.getRandomValues} on Go's slice): fills
     * guest memory from the world's random source in bounded chunks, after checking the range.
     */
    final void randomData(long ptr, long len) {
        HostBounds.fill(memory(), ptr, len, bytes -> world.randomBytes(bytes, 0, bytes.length),
                "runtime.getRandomData");
    }

    /** The program is blocked with nothing scheduled and nothing to call: let it report that its own way. */
    abstract void reportDeadlock();

    /** The instance's memory, or null before instantiation. */
    abstract LinearMemory memory();
}
