package dev.wasmtck.internal.runtime.chicory;

import com.dylibso.chicory.runtime.ByteBufferMemory;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.ValType;
import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.runtime.CompiledModule;
import dev.wasmtck.internal.runtime.GuestCalls;
import dev.wasmtck.runtime.MemoryCap;
import dev.wasmtck.runtime.HostFunction;
import dev.wasmtck.module.ModuleShape;
import dev.wasmtck.module.ValueType;
import dev.wasmtck.runtime.WasmInstance;
import java.util.List;
import java.util.function.Function;

/** A parsed module plus its machine factory, shared by every instance; immutable and thread-safe. */
final class ChicoryModule implements CompiledModule {
    /** Chicory's memories keep one array per page in a slot array of at most this many (2 GiB less a page). */
    static final int MAX_PAGES = 32767;
    private final String name;
    private final ModuleShape shape;
    private final com.dylibso.chicory.wasm.WasmModule module;
    private final Function<Instance, Machine> machineFactory;
    private final boolean compiled;
    /** The memory's initial pages with the data segments in them, shared by every instance; null when there is none. */
    private final byte[][] image;

    ChicoryModule(String name, ModuleShape shape, com.dylibso.chicory.wasm.WasmModule module,
            Function<Instance, Machine> machineFactory, boolean compiled) {
        this.name = name;
        this.shape = shape;
        this.module = module;
        this.machineFactory = machineFactory;
        this.compiled = compiled;
        this.image = ChicoryPageMemory.image(module);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ModuleShape shape() {
        return shape;
    }

    @Override
    public WasmInstance instantiate(List<HostFunction> functions, int maxMemoryPages) throws GuestFault {
        ChicoryInstance wrapper = new ChicoryInstance(shape);
        ImportValues.Builder imports = ImportValues.builder();
        for (HostFunction f : HostFunction.link(shape, functions)) {
            HostFunction.Implementation body = f.implementation();
            imports.addFunction(new com.dylibso.chicory.runtime.HostFunction(f.module(), f.name(),
                    chicoryType(f.type()), (inst, args) -> wrapper.host(body, inst, args)));
        }
        Instance.Builder builder = Instance.builder(module).withMachineFactory(machineFactory).withStart(false)
                .withImportValues(imports.build()).withMemoryFactory(this::memory);
        if (shape.definedMemory().isPresent()) {
            int initial = shape.definedMemory().get().initialPages();
            builder.withMemoryLimits(new MemoryLimits(initial,
                    MemoryCap.withinRuntime(name, "Chicory", initial, maxMemoryPages, MAX_PAGES)));
        }
        Instance instance;
        try {
            instance = builder.build();
        } catch (RuntimeException e) {
            throw Faults.translate(e, wrapper);
        } catch (OutOfMemoryError e) {
            throw GuestCalls.fromError(e, "while instantiating " + name);
        }
        return wrapper.bind(instance);
    }

    /** Pages shared until written ({@link ChicoryPageMemory}); a shared memory (threads) keeps Chicory's own. */
    private Memory memory(MemoryLimits limits) {
        return limits.shared() ? new ByteBufferMemory(limits) : new ChicoryPageMemory(limits, image);
    }

    private static FunctionType chicoryType(dev.wasmtck.module.FunctionType type) {
        return FunctionType.of(type.params().stream().map(ChicoryModule::valType).toList(),
                type.results().stream().map(ChicoryModule::valType).toList());
    }

    private static ValType valType(ValueType t) {
        return switch (t) {
            case I32 -> ValType.I32;
            case I64 -> ValType.I64;
            case F32 -> ValType.F32;
            case F64 -> ValType.F64;
            case V128 -> ValType.V128;
            case FUNCREF -> ValType.FuncRef;
            case EXTERNREF -> ValType.ExternRef;
        };
    }

    @Override
    public String toString() {
        return "ChicoryModule[" + name + ", " + (compiled ? "compiled" : "interpreted") + "]";
    }
}
