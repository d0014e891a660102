package dev.wasmtck.internal.runtime.chicory;

import com.dylibso.chicory.runtime.ConstantEvaluators;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.UninstantiableException;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.OpCode;
import com.dylibso.chicory.wasm.types.PassiveDataSegment;
import dev.wasmtck.internal.runtime.SharedPageMemory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The kit's memory for Chicory instances ({@link SharedPageMemory}: pages shared until written) under Chicory's
 * {@link Memory} interface; non-shared memories only (a shared one, threads, keeps Chicory's own).
 */
final class ChicoryPageMemory extends SharedPageMemory implements Memory {
    ChicoryPageMemory(MemoryLimits limits) {
        this(limits, null);
    }

    /** With {@code image}, the module's initial pages ({@link #image(WasmModule)}), in place of copying its data. */
    ChicoryPageMemory(MemoryLimits limits, byte[][] image) {
        super(limits.initialPages(), Math.min(limits.maximumPages(), RUNTIME_MAX_PAGES), image);
        if (limits.shared()) {
            throw new IllegalArgumentException("shared memories keep Chicory's own implementation");
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

    /** Chicory zeroes a memory and then initialises it; with an image, that is installing it. */
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
                throw new ChicoryException("Data segment should be active or passive: " + s);
            }
        }
    }
}
