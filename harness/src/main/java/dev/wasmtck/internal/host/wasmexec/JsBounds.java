package dev.wasmtck.internal.host.wasmexec;

import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.runtime.GuestFault.Kind;
import dev.wasmtck.internal.runtime.HostFunctionFault;
import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.mozilla.javascript.Function;
import org.mozilla.javascript.ScriptRuntime;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.Undefined;
import org.mozilla.javascript.typedarrays.NativeArrayBuffer;
import org.mozilla.javascript.typedarrays.NativeArrayBufferView;

/**
 * The memory bound of one JS world: the bytes of {@code ArrayBuffer} storage it holds at once (every
 * typed array's too) may not pass the case's memory limit, and no single {@code String.prototype.repeat},
 * {@code padStart} or {@code padEnd} may build a string larger than what is left. The constructors in
 * the world are replaced by functions that ask before the original allocates, so {@code new
 * Uint8Array(2e9)} fails without allocating; storage is released from the count when the garbage
 * collector frees it. A refusal fails the case as {@code memory-limit}: it is not a JS exception a
 * script could catch and retry.
 *
 * <p>What the constructors do not see is measured: the references Go holds ({@link RefTable}, counted as
 * each is handed out, {@link #BYTES_PER_REFERENCE} each), and the properties and strings reachable in
 * the world ({@link JsWorldSize}, strings built by concatenation at their full length), walked from the
 * global object, Go's references and the active JS functions' scopes whenever the guest thread has
 * allocated another {@link #WALK_EVERY_FRACTION}th of the limit since the last walk (and at most a tenth
 * of the time, however big the world). {@link AllocationWatch} looks at that from outside, so a walk comes
 * at the next JS instruction rather than the next periodic check. Properties, {@code Map} and {@code Set}
 * entries and strings together stay within the limit, as buffers do.
 */
final class JsBounds {
    private static final String[] BUFFERS = {"ArrayBuffer", "Int8Array", "Uint8Array", "Uint8ClampedArray",
        "Int16Array", "Uint16Array", "Int32Array", "Uint32Array", "Float32Array", "Float64Array",
        "BigInt64Array", "BigUint64Array"};

    /** Replaces each buffer constructor with a function that asks {@code admit(name, bytes)} and reports the result to {@code track}. */
    private static final String INSTALL = """
            (function (admit, track, check, names) {
              function requested(arg, per) {
                if (typeof arg === 'number') return arg * per;
                if (arg !== null && typeof arg === 'object' && !(arg instanceof ArrayBuffer)
                    && typeof arg.length === 'number') return arg.length * per;
                return 0;
              }
              function bound(name) {
                var original = globalThis[name];
                if (typeof original !== 'function') return;
                var per = name === 'ArrayBuffer' ? 1 : original.BYTES_PER_ELEMENT;
                // A plain function in the original's place: same prototype object, statics inherited.
                var bounded = function () {
                  var bytes = requested(arguments[0], per);
                  admit(name, bytes);
                  var made = Reflect.construct(original, arguments);
                  if (bytes > 0) track(made);
                  return made;
                };
                Object.setPrototypeOf(bounded, original);
                Object.defineProperty(bounded, 'prototype', {value: original.prototype});
                Object.defineProperty(bounded, 'name', {value: name});
                Object.defineProperty(original.prototype, 'constructor',
                    {value: bounded, writable: true, configurable: true, enumerable: false});
                Object.defineProperty(globalThis, name,
                    {value: bounded, writable: true, configurable: true, enumerable: false});
              }
              function checked(method, size) {
                var original = String.prototype[method];
                Object.defineProperty(String.prototype, method, {writable: true, configurable: true,
                  enumerable: false, value: function () {
                    check('String.prototype.' + method, size(String(this), arguments) * 2);
                    return original.apply(this, arguments);
                  }});
              }
              for (var i = 0; i < names.length; i++) bound(names[i]);
              checked('repeat', function (s, a) { return s.length * Number(a[0]); });
              checked('padStart', function (s, a) { return Number(a[0]); });
              checked('padEnd', function (s, a) { return Number(a[0]); });
            })""";

    /** An estimate of what the host keeps per reference Go holds: the table's slots and the identity map's entry. */
    static final long BYTES_PER_REFERENCE = 48;
    /** The world is walked each time the guest thread allocated this fraction of the limit since the last walk. */
    static final int WALK_EVERY_FRACTION = 8;
    private static final com.sun.management.ThreadMXBean THREADS = threads();

    private final long limit;
    private final JsWorld world;
    /** Go's references: roots of the walk. */
    private RefTable refs;
    /** The thread the world runs on, and what it had allocated at the last walk; read by {@link AllocationWatch}. */
    private final Thread thread = Thread.currentThread();
    private volatile long allocatedAtLastWalk;
    private final java.lang.ref.WeakReference<JsBounds> watched;
    private int checksSinceLastWalk;
    private long lastWalkEnd;
    private long lastWalkNanos;
    private final ReferenceQueue<Object> collected = new ReferenceQueue<>();
    /** Keeps the phantom references themselves reachable until their buffers are collected. */
    private final Set<Held> held = new HashSet<>();
    private long used;

    private static final class Held extends PhantomReference<Object> {
        final long bytes;

        Held(Object buffer, long bytes, ReferenceQueue<Object> queue) {
            super(buffer, queue);
            this.bytes = bytes;
        }
    }

    private JsBounds(JsWorld world, long limit) {
        this.world = world;
        this.limit = limit;
        this.allocatedAtLastWalk = allocated();
        this.watched = THREADS != null ? AllocationWatch.watch(this) : null;
    }

    /** Stops {@link AllocationWatch} sampling this world's thread: the world's run is over. */
    void close() {
        if (watched != null) {
            AllocationWatch.forget(watched);
        }
    }

    /**
     * Called by {@link AllocationWatch}: when the world's thread has allocated enough for a walk, makes its
     * next JS instruction check (the walk sets the usual interval back). False once the thread has ended.
     */
    boolean sample() {
        if (!thread.isAlive()) {
            return false;
        }
        long now = THREADS.getThreadAllocatedBytes(thread.getId());
        if (now >= 0 && now - allocatedAtLastWalk >= limit / WALK_EVERY_FRACTION) {
            world.cx().setInstructionObserverThreshold(1);
        }
        return true;
    }

    /**
     * Bounds {@code world}'s buffers, string builders, properties, strings and Go's references by
     * {@code limitBytes}; {@link JsEngine} finds the bounds through the world's context.
     */
    static JsBounds install(JsWorld world, long limitBytes) {
        JsBounds bounds = new JsBounds(world, limitBytes);
        world.cx().putThreadLocal(JsBounds.class, bounds);
        world.bound(bounds);
        Function admit = world.function("admit", 2, (c, scope, self, args) -> {
            bounds.admit(ScriptRuntime.toString(args[0]), ScriptRuntime.toNumber(args[1]), true);
            return Undefined.instance;
        });
        Function check = world.function("check", 2, (c, scope, self, args) -> {
            bounds.admit(ScriptRuntime.toString(args[0]), ScriptRuntime.toNumber(args[1]), false);
            return Undefined.instance;
        });
        Function track = world.function("track", 1, (c, scope, self, args) -> {
            bounds.track(args[0]);
            return Undefined.instance;
        });
        Function installer = (Function) world.cx().evaluateString(world.global(), INSTALL, "js-bounds", 1, null);
        Scriptable names = world.cx().newArray(world.global(), (Object[]) java.util.Arrays.copyOf(BUFFERS, BUFFERS.length, Object[].class));
        installer.call(world.cx(), world.global(), world.global(), new Object[] {admit, track, check, names});
        return bounds;
    }

    /** The bounds of the world running on {@code cx}, or null for an unbounded one. */
    static JsBounds of(org.mozilla.javascript.Context cx) {
        return (JsBounds) cx.getThreadLocal(JsBounds.class);
    }

    /** Counts {@code table}'s references against the limit and walks from its values. */
    void watch(RefTable table) {
        this.refs = table;
    }

    /** Fails the case when Go would hold {@code live} references: more than the limit has room for. */
    void admitReferences(int live) {
        if (live * BYTES_PER_REFERENCE > limit) {
            throw fault("Go holds " + live + " live JS references (about " + BYTES_PER_REFERENCE + " bytes each"
                    + " in the host), past the case's memory limit of " + (limit >> 20) + " MiB; a program that"
                    + " keeps js.Values it no longer needs leaks them");
        }
    }

    /**
     * Walks the world when the guest thread has allocated another {@link #WALK_EVERY_FRACTION}th of the
     * limit since the last walk (where the JVM cannot tell, every 64th check), and fails the case when
     * properties and strings together pass the limit. Called between JS instructions.
     *
     * @param scopes the scopes, {@code this} values and arguments of the JS functions running now
     */
    void checkWorld(Iterable<?> scopes) {
        long allocated = allocated();
        boolean due = allocated >= 0 ? allocated - allocatedAtLastWalk >= limit / WALK_EVERY_FRACTION
                : ++checksSinceLastWalk >= 64;
        // A big world takes long to walk: walking at most a tenth of the time keeps a legitimate one fast.
        if (!due || System.nanoTime() - lastWalkEnd < 9 * lastWalkNanos) {
            return;
        }
        long start = System.nanoTime();
        List<Object> roots = new ArrayList<>();
        roots.add(world.global());
        scopes.forEach(roots::add);
        if (refs != null) {
            refs.forEachValue(roots::add);
        }
        // Against the limit of its own: buffers the world dropped are counted until the collector reports
        // them, and asking it before every walk would cost a program that churns buffers dearly.
        JsWorldSize size = JsWorldSize.measure(roots, limit);
        allocatedAtLastWalk = allocated();
        checksSinceLastWalk = 0;
        lastWalkEnd = System.nanoTime();
        lastWalkNanos = lastWalkEnd - start;
        if (size.over()) {
            throw fault("the JS world's objects and strings take more than the case's memory limit of "
                    + (limit >> 20) + " MiB: at least " + size.properties
                    + " properties (about " + JsWorldSize.BYTES_PER_PROPERTY + " bytes each), " + size.entries
                    + " Map and Set entries (about " + JsWorldSize.BYTES_PER_ENTRY + " bytes each) and " + size.chars
                    + " characters of strings (" + JsWorldSize.BYTES_PER_CHAR + " bytes each; the longest has "
                    + size.longestString + ", a string built by concatenation counting at its full length)");
        }
    }

    private static HostFunctionFault fault(String message) {
        return new HostFunctionFault(new GuestFault(Kind.MEMORY_LIMIT, message));
    }

    /** Bytes the current thread has allocated so far, or -1 where the JVM does not count them. */
    private static long allocated() {
        return THREADS != null ? THREADS.getCurrentThreadAllocatedBytes() : -1;
    }

    private static com.sun.management.ThreadMXBean threads() {
        if (java.lang.management.ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                && t.isThreadAllocatedMemorySupported() && t.isThreadAllocatedMemoryEnabled()) {
            return t;
        }
        return null;
    }

    /** Bytes of buffer storage the world holds now, as far as the collector has told. */
    synchronized long used() {
        drain();
        return used;
    }

    /**
     * Fails the case unless {@code bytes} more fit in the bound. Before refusing, the collector gets one
     * chance to free buffers the world dropped, so a loop that lets go of its buffers is not refused.
     */
    private void admit(String what, double bytes, boolean buffer) {
        if (!(bytes > 0)) {
            return; // zero, negative or NaN: the original constructor decides (a RangeError, or nothing)
        }
        if (fits(bytes)) {
            return;
        }
        System.gc();
        long until = System.nanoTime() + 200_000_000L;
        while (!fits(bytes) && System.nanoTime() < until) {
            try {
                Reference<?> r = collected.remove(20);
                if (r != null) {
                    release(r);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JsEngine.Interrupted();
            }
        }
        if (!fits(bytes)) {
            throw fault((buffer ? "new " : "") + what + " of " + (long) bytes + " bytes would take the JS world past"
                    + " the case's memory limit of " + (limit >> 20) + " MiB (its buffers hold " + used + " bytes)");
        }
    }

    private synchronized boolean fits(double bytes) {
        drain();
        return used + bytes <= limit;
    }

    private synchronized void track(Object made) {
        NativeArrayBuffer buffer = made instanceof NativeArrayBufferView view ? view.getBuffer()
                : made instanceof NativeArrayBuffer b ? b : null;
        if (buffer != null) {
            used += buffer.getLength();
            held.add(new Held(buffer, buffer.getLength(), collected));
        }
    }

    private void drain() {
        for (Reference<?> r = collected.poll(); r != null; r = collected.poll()) {
            release(r);
        }
    }

    private synchronized void release(Reference<?> r) {
        if (held.remove(r)) {
            used -= ((Held) r).bytes;
        }
    }
}
