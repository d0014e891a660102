package dev.wasmtck.host.wasmexec;

import dev.wasmtck.host.GuestFault;
import dev.wasmtck.host.GuestFault.Kind;
import dev.wasmtck.runtime.HostFunctionFault;
import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.HashSet;
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
 * <p>Other JS allocations (objects, arrays, strings built by concatenation) have no bound of their
 * own; the case boundary turns a heap exhausted by them into a {@code memory-limit} failure of the case.
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

    private final long limit;
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

    private JsBounds(long limit) {
        this.limit = limit;
    }

    /** Bounds {@code world}'s buffers and string builders by {@code limitBytes}. */
    static JsBounds install(JsWorld world, long limitBytes) {
        JsBounds bounds = new JsBounds(limitBytes);
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
            throw new HostFunctionFault(new GuestFault(Kind.MEMORY_LIMIT, (buffer ? "new " : "") + what + " of "
                    + (long) bytes + " bytes would take the JS world past the case's memory limit of "
                    + (limit >> 20) + " MiB (its buffers hold " + used + " bytes)"));
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
