package dev.wasmtck.internal.host.wasmexec;

import dev.wasmtck.internal.runtime.GuestCalls;
import dev.wasmtck.internal.runtime.HostBounds;
import dev.wasmtck.runtime.LinearMemory;
import dev.wasmtck.internal.runtime.WasiExit;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.mozilla.javascript.Callable;
import org.mozilla.javascript.Context;
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
 * The {@code syscall/js} operations, written once over JS values for both compilers: Go's glue
 * ({@link GoInstance}) reads their arguments from stack slots, TinyGo's ({@link TinyGoInstance}) from
 * wasm parameters, and both turn references into values and back through the {@link RefTable}. Each
 * operation names the function of Go's {@code syscall/js} package (and the {@code wasm_exec.js} import
 * of the same name) whose meaning it has.
 */
final class JsSyscalls {
    /** The outcome of a call, construction or invocation: its value, or the value it threw ({@code ok} false). */
    record Called(Object value, boolean ok) {}

    /** A string prepared by {@code valuePrepareString} for {@code valueLoadString}: only the program holds it. */
    record Utf8(byte[] bytes) {}

    private final Context cx;
    private final Scriptable global;
    private final RefTable refs;

    JsSyscalls(Context cx, Scriptable global, RefTable refs) {
        this.cx = cx;
        this.global = global;
        this.refs = refs;
    }

    /** {@code finalizeRef}: Go's finalizer dropped one reference. */
    void finalizeRef(int id) {
        refs.finalizeRef(id);
    }

    /** {@code stringVal} ({@code js.ValueOf(string)}): a JS string from Go's UTF-8. */
    Object stringVal(String s) {
        return s;
    }

    /** {@code valueGet} ({@code Value.Get}): {@code Reflect.get(v, p)}; a getter may run Go code. */
    Object valueGet(Object v, String p) {
        return ScriptRuntime.getObjectProp(v, p, cx, global);
    }

    /** {@code valueSet} ({@code Value.Set}): {@code Reflect.set(v, p, x)}. */
    void valueSet(Object v, String p, Object x) {
        ScriptRuntime.setObjectProp(v, p, x, cx, global);
    }

    /** {@code valueDelete} ({@code Value.Delete}): {@code Reflect.deleteProperty(v, p)}. */
    void valueDelete(Object v, String p) {
        ScriptRuntime.deleteObjectElem(ScriptRuntime.toObject(cx, global, v), p, cx);
    }

    /** {@code valueIndex} ({@code Value.Index}): {@code Reflect.get(v, i)}. */
    Object valueIndex(Object v, long i) {
        return ScriptRuntime.getObjectIndex(v, (double) i, cx, global);
    }

    /** {@code valueSetIndex} ({@code Value.SetIndex}): {@code Reflect.set(v, i, x)}. */
    void valueSetIndex(Object v, long i, Object x) {
        ScriptRuntime.setObjectIndex(v, (double) i, x, cx, global);
    }

    /** {@code valueCall} ({@code Value.Call}): {@code Reflect.apply(v[m], v, args)}, catching what it throws. */
    Called valueCall(Object v, String m, Object[] args) {
        return attempt(() -> {
            Callable fn = ScriptRuntime.getPropFunctionAndThis(v, m, cx, global);
            Scriptable self = ScriptRuntime.lastStoredScriptable(cx);
            return fn.call(cx, global, self, args);
        });
    }

    /** {@code valueInvoke} ({@code Value.Invoke}): {@code Reflect.apply(v, undefined, args)}. */
    Called valueInvoke(Object v, Object[] args) {
        return attempt(() -> {
            if (!(v instanceof Callable fn)) {
                throw ScriptRuntime.typeError(ScriptRuntime.toString(v) + " is not a function");
            }
            return fn.call(cx, global, Undefined.SCRIPTABLE_UNDEFINED, args);
        });
    }

    /** {@code valueNew} ({@code Value.New}): {@code Reflect.construct(v, args)}. */
    Called valueNew(Object v, Object[] args) {
        return attempt(() -> {
            if (!(v instanceof Function fn)) {
                throw ScriptRuntime.typeError(ScriptRuntime.toString(v) + " is not a constructor");
            }
            return fn.construct(cx, global, args);
        });
    }

    /** {@code valueLength} ({@code Value.Length}): {@code v.length} as an integer, 0 where it is not a number. */
    long valueLength(Object v) {
        double n = ScriptRuntime.toNumber(ScriptRuntime.getObjectProp(v, "length", cx, global));
        return Double.isNaN(n) ? 0 : (long) n;
    }

    /** {@code valuePrepareString} (first half of {@code Value.String}): the value's UTF-8, held for the second half. */
    Utf8 valuePrepareString(Object v) {
        return new Utf8(ScriptRuntime.toString(v).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code valueLoadString} (second half of {@code Value.String}): copies the prepared bytes into Go's buffer. */
    void valueLoadString(Object v, LinearMemory memory, long ptr, long len) {
        byte[] utf8 = v instanceof Utf8 u ? u.bytes : ScriptRuntime.toString(v).getBytes(StandardCharsets.UTF_8);
        int n = (int) Math.min(len, utf8.length);
        memory.write((int) ptr, utf8, 0, n);
    }

    /** {@code valueInstanceOf} ({@code Value.InstanceOf}): {@code v instanceof t}. */
    boolean valueInstanceOf(Object v, Object t) {
        return ScriptRuntime.instanceOf(v, t, cx);
    }

    /**
     * {@code copyBytesToGo} ({@code js.CopyBytesToGo}): copies from a Uint8Array into Go's slice.
     *
     * @return the bytes copied, or -1 when {@code src} is not a Uint8Array (Go then panics)
     */
    long copyBytesToGo(LinearMemory memory, long dst, long dstLen, Object src) {
        if (!isByteArray(src)) {
            return -1;
        }
        NativeArrayBufferView view = (NativeArrayBufferView) src;
        int n = (int) Math.min(dstLen, view.getByteLength());
        memory.write((int) dst, view.getBuffer().getBuffer(), view.getByteOffset(), n);
        return n;
    }

    /**
     * {@code copyBytesToJS} ({@code js.CopyBytesToJS}): copies from Go's slice into a Uint8Array.
     *
     * @return the bytes copied, or -1 when {@code dst} is not a Uint8Array
     */
    long copyBytesToJS(Object dst, LinearMemory memory, long src, long srcLen) {
        if (!isByteArray(dst)) {
            return -1;
        }
        NativeArrayBufferView view = (NativeArrayBufferView) dst;
        int n = (int) Math.min(srcLen, view.getByteLength());
        memory.read((int) src, view.getBuffer().getBuffer(), view.getByteOffset(), n);
        return n;
    }

    /** A Go string (UTF-8 at {@code ptr}, {@code len} bytes), checked against memory before it is read. */
    static String string(LinearMemory memory, long ptr, long len, String what) {
        return new String(HostBounds.read(memory, ptr, len, what), StandardCharsets.UTF_8);
    }

    /** A Go slice of references ({@code []js.Value} arguments); its length is checked before anything is allocated. */
    Object[] values(LinearMemory memory, long ptr, long len, String what) {
        Object[] values = new Object[HostBounds.checkArray(memory, ptr, len, 8, what)];
        for (int i = 0; i < values.length; i++) {
            values[i] = refs.load(memory.readI64((int) ptr + i * 8));
        }
        return values;
    }

    /**
     * Runs a call and keeps what it threw as its value, as {@code wasm_exec.js} catches around
     * {@code Reflect.apply}. The program exiting inside the call is no JS exception: it keeps unwinding.
     */
    private Called attempt(Supplier<Object> call) {
        try {
            return new Called(call.get(), true);
        } catch (RhinoException e) {
            if (GuestCalls.causeOf(e, JsGuest.Exited.class).isPresent()
                    || GuestCalls.causeOf(e, WasiExit.class).isPresent()) {
                throw e;
            }
            return new Called(thrownValue(e), false);
        }
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

    /** What {@code copyBytesTo*} accept, as {@code wasm_exec.js} checks {@code instanceof Uint8Array || Uint8ClampedArray}. */
    private static boolean isByteArray(Object v) {
        return v instanceof NativeUint8Array || v instanceof NativeUint8ClampedArray;
    }
}
