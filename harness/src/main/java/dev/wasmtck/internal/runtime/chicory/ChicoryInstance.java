package dev.wasmtck.internal.runtime.chicory;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import dev.wasmtck.runtime.HostFunction;
import dev.wasmtck.runtime.HostThrown;
import dev.wasmtck.runtime.LinearMemory;
import dev.wasmtck.module.ModuleShape;
import dev.wasmtck.runtime.WasmFunction;
import dev.wasmtck.runtime.WasmInstance;

/**
 * Our view of a Chicory {@link Instance}. It exists before Chicory's instance does, because host
 * functions receive it and the module's start function may call them during instantiation.
 */
final class ChicoryInstance implements WasmInstance {
    /** Which exports are functions: the kit's reading of the module, shared by every binding. */
    private final ModuleShape shape;
    private Instance instance;
    private ChicoryMemory memory;
    /** What a host function threw, so the call boundary can hand back that very object. */
    private final HostThrown hostThrown = new HostThrown();

    ChicoryInstance(ModuleShape shape) {
        this.shape = shape;
    }

    /** Attaches Chicory's instance (once) and returns this view. */
    ChicoryInstance bind(Instance inst) {
        if (instance == null) {
            instance = inst;
            memory = inst.memory() == null ? null : new ChicoryMemory(inst.memory());
        }
        return this;
    }

    HostThrown hostThrown() {
        return hostThrown;
    }

    /** Runs a host function's body; remembers what it throws, and throws it on unchanged. */
    long[] host(HostFunction.Implementation body, Instance inst, long[] args) {
        return hostThrown.run(body, bind(inst), args);
    }

    @Override
    public LinearMemory memory() {
        return memory;
    }

    @Override
    public WasmFunction function(String name) {
        if (shape.exportedFunction(name).isEmpty()) {
            return null;
        }
        ExportFunction export = instance.export(name);
        return args -> {
            try {
                long[] results = export.apply(args);
                return results == null ? WasmFunction.NO_RESULTS : results;
            } catch (RuntimeException e) {
                throw Faults.translate(e, this);
            }
        };
    }
}
