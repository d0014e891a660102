package dev.wasmtck.runtime.endive;

import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.runtime.CompiledModule;
import dev.wasmtck.internal.runtime.GuestCalls;
import dev.wasmtck.runtime.HostFunction;
import dev.wasmtck.runtime.MemoryCap;
import dev.wasmtck.module.ModuleShape;
import dev.wasmtck.module.ValueType;
import dev.wasmtck.runtime.WasmInstance;
import java.util.List;
import java.util.function.Function;
import run.endive.runtime.ImportValues;
import run.endive.runtime.Instance;
import run.endive.runtime.Machine;
import run.endive.wasm.types.FunctionType;
import run.endive.wasm.types.MemoryLimits;
import run.endive.wasm.types.ValType;

/** A parsed module plus its machine factory, shared by every instance; immutable and thread-safe. */
final class EndiveModule implements CompiledModule {
    /** Endive's memory, like Chicory's, holds at most this many pages (2 GiB less a page). */
    static final int MAX_PAGES = run.endive.runtime.Memory.RUNTIME_MAX_PAGES;
    private final String name;
    private final ModuleShape shape;
    private final run.endive.wasm.WasmModule module;
    private final Function<Instance, Machine> machineFactory;
    private final boolean compiled;
    /** The memory's initial pages with the data segments in them, shared by every instance; null when there is none. */
    private final byte[][] image;

    EndiveModule(String name, ModuleShape shape, run.endive.wasm.WasmModule module,
            Function<Instance, Machine> machineFactory, boolean compiled) {
        this.name = name;
        this.shape = shape;
        this.module = module;
        this.machineFactory = machineFactory;
        this.compiled = compiled;
        this.image = EndivePageMemory.image(module);
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
        EndiveInstance wrapper = new EndiveInstance(shape);
        ImportValues.Builder imports = ImportValues.builder();
        for (HostFunction f : HostFunction.link(shape, functions)) {
            HostFunction.Implementation body = f.implementation();
            imports.addFunction(new run.endive.runtime.HostFunction(f.module(), f.name(),
                    endiveType(f.type()), (inst, args) -> wrapper.host(body, inst, args)));
        }
        Instance.Builder builder = Instance.builder(module).withMachineFactory(machineFactory).withStart(false)
                .withImportValues(imports.build()).withMemoryFactory(this::memory);
        if (shape.definedMemory().isPresent()) {
            int initial = shape.definedMemory().get().initialPages();
            builder.withMemoryLimits(new MemoryLimits(initial,
                    MemoryCap.withinRuntime(name, "Endive", initial, maxMemoryPages, MAX_PAGES)));
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

    /** Pages shared until written ({@link EndivePageMemory}); a shared memory (threads) keeps Endive's own. */
    private run.endive.runtime.Memory memory(MemoryLimits limits) {
        return limits.shared() ? new run.endive.runtime.ByteBufferMemory(limits) : new EndivePageMemory(limits, image);
    }

    private static FunctionType endiveType(dev.wasmtck.module.FunctionType type) {
        return FunctionType.of(type.params().stream().map(EndiveModule::valType).toList(),
                type.results().stream().map(EndiveModule::valType).toList());
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
        return "EndiveModule[" + name + ", " + (compiled ? "compiled" : "interpreted") + "]";
    }
}
