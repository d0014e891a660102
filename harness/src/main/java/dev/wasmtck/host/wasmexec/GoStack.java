package dev.wasmtck.host.wasmexec;

import dev.wasmtck.runtime.LinearMemory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * Go's stack-pointer calling convention: every import of a {@code GOOS=js} binary is {@code (sp i32)}
 * and finds its parameters, then its results, in 8-byte slots from {@code sp + 8}. The slots of each
 * function are named once here ({@link #LAYOUTS}, from the Go declarations in {@code runtime} and
 * {@code syscall/js}), so the host reads {@code "args_len"} rather than {@code sp + 40}. A string or
 * slice takes a slot each for pointer and length (and capacity).
 *
 * <p>One {@code GoStack} serves one import call. A function that can run Go code before it returns
 * ({@link Layout#reenters}) must {@link #refresh} before writing results: the Go stack may have moved.
 */
final class GoStack {
    /** The slots of one function, parameters then results, and whether it can call back into Go. */
    record Layout(List<String> slots, boolean reenters) {
        int offset(String slot) {
            int i = slots.indexOf(slot);
            if (i < 0) {
                throw new IllegalArgumentException("no slot " + slot + " in " + slots);
            }
            return 8 + 8 * i;
        }
    }

    static final Map<String, Layout> LAYOUTS = new HashMap<>();

    static {
        plain("runtime.wasmExit", "code");
        plain("runtime.wasmWrite", "fd", "p", "n");
        plain("runtime.resetMemoryDataView");
        plain("runtime.nanotime1", "nanos");
        plain("runtime.walltime", "sec", "nsec");
        plain("runtime.scheduleTimeoutEvent", "delay", "id");
        plain("runtime.clearTimeoutEvent", "id");
        plain("runtime.getRandomData", "r", "r_len", "r_cap");
        plain("syscall/js.finalizeRef", "v");
        plain("syscall/js.stringVal", "x", "x_len", "ref");
        reentrant("syscall/js.valueGet", "v", "p", "p_len", "ref");
        plain("syscall/js.valueSet", "v", "p", "p_len", "x");
        plain("syscall/js.valueDelete", "v", "p", "p_len");
        plain("syscall/js.valueIndex", "v", "i", "ref");
        plain("syscall/js.valueSetIndex", "v", "i", "x");
        reentrant("syscall/js.valueCall", "v", "m", "m_len", "args", "args_len", "args_cap", "ref", "ok");
        reentrant("syscall/js.valueInvoke", "v", "args", "args_len", "args_cap", "ref", "ok");
        reentrant("syscall/js.valueNew", "v", "args", "args_len", "args_cap", "ref", "ok");
        plain("syscall/js.valueLength", "v", "len");
        plain("syscall/js.valuePrepareString", "v", "ref", "len");
        plain("syscall/js.valueLoadString", "v", "b", "b_len", "b_cap");
        plain("syscall/js.valueInstanceOf", "v", "t", "ok");
        plain("syscall/js.copyBytesToGo", "dst", "dst_len", "dst_cap", "src", "n", "ok");
        plain("syscall/js.copyBytesToJS", "dst", "src", "src_len", "src_cap", "n", "ok");
        // Go 1.11 and 1.12 names of the clocks.
        LAYOUTS.put("runtime.nanotime", LAYOUTS.get("runtime.nanotime1"));
        LAYOUTS.put("runtime.walltime1", LAYOUTS.get("runtime.walltime"));
    }

    private static void plain(String function, String... slots) {
        LAYOUTS.put(function, new Layout(List.of(slots), false));
    }

    private static void reentrant(String function, String... slots) {
        LAYOUTS.put(function, new Layout(List.of(slots), true));
    }

    private final LinearMemory memory;
    private final Layout layout;
    private final IntSupplier getsp;
    private int sp;

    GoStack(LinearMemory memory, Layout layout, int sp, IntSupplier getsp) {
        this.memory = memory;
        this.layout = layout;
        this.sp = sp;
        this.getsp = getsp;
    }

    /** The stack pointer the import was called with: {@code debug} prints it. */
    int sp() {
        return sp;
    }

    /** Re-reads the stack pointer after Go code may have run, for a function that can re-enter Go. */
    void refresh() {
        if (layout.reenters()) {
            sp = getsp.getAsInt();
        }
    }

    long i64(String slot) {
        return memory.readI64(at(slot));
    }

    int i32(String slot) {
        return memory.readI32(at(slot));
    }

    /** The slot and the one after it: a string's or slice's pointer and length. */
    long[] pointerAndLength(String slot) {
        int at = at(slot);
        return new long[] {memory.readI64(at), memory.readI64(at + 8)};
    }

    void setI64(String slot, long value) {
        memory.writeI64(at(slot), value);
    }

    void setI32(String slot, int value) {
        memory.writeI32(at(slot), value);
    }

    void setBool(String slot, boolean value) {
        memory.writeByte(at(slot), (byte) (value ? 1 : 0));
    }

    private int at(String slot) {
        return sp + layout.offset(slot);
    }
}
