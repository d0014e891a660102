package dev.wasmtck.internal.runtime.chicory;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.OpCode;
import java.util.Arrays;
import java.util.List;

/**
 * A module's linear memory as instantiation leaves it: its active data segments applied, once per module, to
 * 64 KiB pages that every instance of it then shares until it writes them ({@link ZeroPageMemory}). A Go
 * module's segments (type data, strings, tables of its runtime: a megabyte or more) were copied into fresh
 * pages for every instance; most of them are never written.
 *
 * <p>Only for what can be computed without an instance: one memory, defined by the module, and every active
 * segment's offset a constant ({@code i32.const}), inside the initial size. Anything else has no image, and
 * the instance applies its segments itself (and traps where the spec says so).
 */
final class InitialPages {
    private InitialPages() {}

    /**
     * The initial pages of {@code module}'s memory with its data in them (pages without data are the shared
     * zero page), or null: no image for this module, or no active segment to put in one.
     */
    static byte[][] of(WasmModule module) {
        byte[] zero = ZeroPageMemory.ZERO;
        if (module.memorySection().isEmpty() || module.memorySection().get().memoryCount() != 1
                || module.importSection().count(ExternalType.MEMORY) != 0) {
            return null;
        }
        int initial = module.memorySection().get().getMemory(0).limits().initialPages();
        long size = (long) initial * zero.length;
        byte[][] pages = null;
        for (DataSegment s : module.dataSection().dataSegments()) {
            if (!(s instanceof ActiveDataSegment active)) {
                continue; // passive: copied by memory.init when the guest asks
            }
            Long offset = constant(active.offsetInstructions());
            byte[] data = active.data();
            if (active.index() != 0 || offset == null || offset + data.length > size) {
                return null;
            }
            if (pages == null) {
                pages = new byte[initial][];
                Arrays.fill(pages, zero);
            }
            int at = (int) (long) offset;
            for (int done = 0; done < data.length; ) {
                int index = (at + done) / zero.length;
                int within = (at + done) % zero.length;
                int chunk = Math.min(data.length - done, zero.length - within);
                if (pages[index] == zero) {
                    pages[index] = new byte[zero.length];
                }
                System.arraycopy(data, done, pages[index], within, chunk);
                done += chunk;
            }
        }
        return pages;
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
}
