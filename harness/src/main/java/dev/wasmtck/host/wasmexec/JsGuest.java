package dev.wasmtck.host.wasmexec;

import dev.wasmtck.abi.wasmexec.AfterExit;
import dev.wasmtck.host.GuestFault;
import dev.wasmtck.host.Limits;
import dev.wasmtck.runtime.CompiledModule;
import dev.wasmtck.runtime.LinearMemory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.Function;
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
    final AfterExit afterExit;
    private final long wallOriginNanos;
    private final long monoOrigin = System.nanoTime();
    /** Set by the program's exit import. */
    boolean exited;
    int exitCode;

    JsGuest(JsWorld world, AfterExit afterExit) {
        this.world = world;
        this.cx = world.cx();
        this.global = world.global();
        this.afterExit = afterExit;
        Instant now = Instant.now();
        this.wallOriginNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        this.go = (ScriptableObject) cx.newObject(global);
        this.refs = new RefTable(global, go);
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

    /** Nanoseconds since the instance started: the monotonic clock both glues hand the program. */
    final long monotonicNanos() {
        return System.nanoTime() - monoOrigin;
    }

    /** Lets the program run its pending event ({@code go._pendingEvent}). */
    abstract void resume();

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
                throw new GoInstance.Exited();
            }
            Object result = event.get("result", event);
            return result == Scriptable.NOT_FOUND ? Undefined.instance : result;
        });
    }

    /** Instantiates the module with this program's imports. */
    abstract void instantiate(CompiledModule module, Limits limits) throws GuestFault;

    /** Starts the program with its command line and environment; returns when it blocks or exits. */
    abstract void run(List<String> argv, Map<String, String> env) throws GuestFault;

    /** Runs due timers and promise jobs until nothing is scheduled or the program exited. */
    abstract void settle() throws InterruptedException;

    /** The program is blocked with nothing scheduled and nothing to call: let it report that its own way. */
    abstract void reportDeadlock();

    /** The instance's memory, or null before instantiation. */
    abstract LinearMemory memory();
}
