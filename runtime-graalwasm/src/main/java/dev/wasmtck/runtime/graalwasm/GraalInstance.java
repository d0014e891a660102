package dev.wasmtck.runtime.graalwasm;

import dev.wasmtck.module.FunctionType;
import dev.wasmtck.runtime.GuestInterrupts;
import dev.wasmtck.runtime.LinearMemory;
import dev.wasmtck.module.ValueType;
import dev.wasmtck.runtime.WasmFunction;
import dev.wasmtck.runtime.WasmInstance;
import dev.wasmtck.runtime.WasmInterrupted;
import java.lang.ref.Cleaner;
import java.util.List;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * One instance in a context of its own. It exists before GraalWasm's instance does: host functions
 * receive it, and the start function may call them while {@code newInstance} runs.
 */
final class GraalInstance implements WasmInstance {
    private static final Cleaner CLEANER = Cleaner.create();
    private final GraalModule module;
    private Context context;
    private GraalMemory memory;
    private Value exports;
    /** Calls of this instance's exports active on its thread; the outermost one owns the interrupt hook. */
    private int depth;

    GraalInstance(GraalModule module) {
        this.module = module;
    }

    void attach(Context context, GraalMemory memory) {
        this.context = context;
        this.memory = memory;
        // The interface has no close(): an instance simply stops being used. Truffle's engine keeps
        // every open context reachable, so close ours once this instance is garbage. Its memory and
        // function handles hold the instance, so none of them outlives the context.
        CLEANER.register(this, () -> closeQuietly(context));
    }

    private static void closeQuietly(Context context) {
        try {
            context.close(true);
        } catch (RuntimeException e) {
            // Closing an abandoned context can only fail if it is still in use, which it cannot be.
        }
    }

    void exports(Value exports) {
        this.exports = exports;
    }

    @Override
    public LinearMemory memory() {
        return memory;
    }

    @Override
    public WasmFunction function(String name) {
        FunctionType type = module.shape().exportedFunction(name).orElse(null);
        if (type == null || exports == null) {
            return null;
        }
        Value fn = exports.getMember(name);
        List<ValueType> params = type.params();
        List<ValueType> results = type.results();
        return args -> {
            if (args.length != params.size()) {
                throw new IllegalArgumentException(name + " takes " + params.size() + " arguments, got " + args.length);
            }
            Object[] boxed = new Object[args.length];
            for (int i = 0; i < args.length; i++) {
                boxed[i] = Values.box(params.get(i), args[i]);
            }
            return call(fn, boxed, results);
        };
    }

    private long[] call(Value fn, Object[] args, List<ValueType> results) {
        if (depth > 0) {
            // A host function calling back in: the outermost call holds the hook and translates faults,
            // but translate here too so the host function sees the interface's exceptions.
            depth++;
            try {
                return Values.fromGuestResult(results, fn.execute(args));
            } catch (PolyglotException e) {
                throw Faults.translate(e);
            } finally {
                depth--;
            }
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new WasmInterrupted("interrupted before calling " + module.name(), null);
        }
        depth = 1;
        try (GuestInterrupts.Registration hook = GuestInterrupts.onInterrupt(() -> Interrupts.stop(context))) {
            return Values.fromGuestResult(results, fn.execute(args));
        } catch (PolyglotException e) {
            throw Faults.translate(e);
        } finally {
            depth = 0;
        }
    }

    @Override
    public String toString() {
        return "GraalInstance[" + module.name() + "]";
    }
}
