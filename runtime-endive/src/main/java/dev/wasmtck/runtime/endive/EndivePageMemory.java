package dev.wasmtck.runtime.endive;

import run.endive.runtime.ConstantEvaluators;
import run.endive.runtime.Instance;
import run.endive.runtime.Memory;
import run.endive.runtime.WasmRuntimeException;
import run.endive.wasm.WasmEngineException;
import run.endive.wasm.UninstantiableException;
import run.endive.wasm.WasmModule;
import run.endive.wasm.types.ActiveDataSegment;
import run.endive.wasm.types.DataSegment;
import run.endive.wasm.types.ExternalType;
import run.endive.wasm.types.Instruction;
import run.endive.wasm.types.MemoryLimits;
import run.endive.wasm.types.OpCode;
import run.endive.wasm.types.PassiveDataSegment;
import dev.wasmtck.internal.runtime.SharedPageMemory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The kit's memory for Endive instances ({@link SharedPageMemory}: pages shared until written) under Endive's
 * {@link Memory} interface; non-shared memories only (a shared one, threads, keeps Endive's own).
 */
final class EndivePageMemory extends SharedPageMemory implements Memory {
    /** With {@code image}, the module's initial pages ({@link #image(WasmModule)}), in place of copying its data. */
    EndivePageMemory(MemoryLimits limits, byte[][] image) {
        super(limits.initialPages(), Math.min(limits.maximumPages(), RUNTIME_MAX_PAGES), image);
        if (limits.shared()) {
            throw new IllegalArgumentException("shared memories keep Endive's own implementation");
        }
    }

    /**
     * The initial pages of {@code module}'s memory with its active data segments in them, or null where that
     * needs an instance (an offset that is no {@code i32.const}), where more than one memory or an imported one
     * could be meant, or where the data does not fit (instantiation must then fail as the spec says).
     */
    static byte[][] image(WasmModule module) {
        if (module.memorySection().isEmpty() || module.memorySection().get().memoryCount() != 1
                || module.importSection().count(ExternalType.MEMORY) != 0) {
            return null;
        }
        List<Data> data = new ArrayList<>();
        for (DataSegment s : module.dataSection().dataSegments()) {
            if (s instanceof ActiveDataSegment active) {
                Long offset = constant(active.offsetInstructions());
                if (active.index() != 0 || offset == null) {
                    return null;
                }
                data.add(new Data(offset, active.data()));
            }
        }
        return image(module.memorySection().get().getMemory(0).limits().initialPages(), data);
    }

    /** The value of an offset expression that is a single {@code i32.const} (unsigned, as an address), else null. */
    private static Long constant(List<Instruction> expression) {
        Long value = null;
        for (Instruction i : expression) {
            if (i.opcode() == OpCode.I32_CONST && value == null) {
                value = Integer.toUnsignedLong((int) i.operand(0));
            } else if (i.opcode() != OpCode.END) {
                return null;
            }
        }
        return value;
    }

    @Override
    protected RuntimeException trap(String message) {
        return new WasmRuntimeException(message);
    }

    @Override
    protected RuntimeException uninstantiable(String message) {
        return new UninstantiableException(message);
    }

    @Override
    public void initialize(Instance instance, DataSegment[] dataSegments) {
        initialize(instance, dataSegments, 0);
    }

    /** Endive zeroes a memory and then initialises it; with an image, that is installing it. */
    @Override
    public void initialize(Instance instance, DataSegment[] dataSegments, int memoryIndex) {
        if (dataSegments == null) {
            return;
        }
        keepSegments(Arrays.stream(dataSegments).map(DataSegment::data).toArray(byte[][]::new));
        boolean installed = memoryIndex == 0 && installImage();
        for (DataSegment s : dataSegments) {
            if (s instanceof ActiveDataSegment active && active.index() == memoryIndex && !installed) {
                applySegment((int) ConstantEvaluators.computeConstantValue(instance, active.offsetInstructions())[0],
                        active.data());
            } else if (!(s instanceof ActiveDataSegment) && !(s instanceof PassiveDataSegment)) {
                throw new WasmEngineException("Data segment should be active or passive: " + s);
            }
        }
    }
}
