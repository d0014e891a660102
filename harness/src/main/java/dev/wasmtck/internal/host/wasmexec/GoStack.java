package dev.wasmtck.internal.host.wasmexec;

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

    /** Every import of Go's {@code wasm_exec.js} that takes {@code sp}, by name. */
    static final Map<String, Layout> LAYOUTS;

    static {
        Map<String, Layout> layouts = new HashMap<>();
        plain(layouts, "runtime.wasmExit", "code");
        plain(layouts, "runtime.wasmWrite", "fd", "p", "n");
        plain(layouts, "runtime.resetMemoryDataView");
        plain(layouts, "runtime.nanotime1", "nanos");
        plain(layouts, "runtime.walltime", "sec", "nsec");
        plain(layouts, "runtime.scheduleTimeoutEvent", "delay", "id");
        plain(layouts, "runtime.clearTimeoutEvent", "id");
        plain(layouts, "runtime.getRandomData", "r", "r_len", "r_cap");
        plain(layouts, "syscall/js.finalizeRef", "v");
        plain(layouts, "syscall/js.stringVal", "x", "x_len", "ref");
        reentrant(layouts, "syscall/js.valueGet", "v", "p", "p_len", "ref");
        plain(layouts, "syscall/js.valueSet", "v", "p", "p_len", "x");
        plain(layouts, "syscall/js.valueDelete", "v", "p", "p_len");
        plain(layouts, "syscall/js.valueIndex", "v", "i", "ref");
        plain(layouts, "syscall/js.valueSetIndex", "v", "i", "x");
        reentrant(layouts, "syscall/js.valueCall", "v", "m", "m_len", "args", "args_len", "args_cap", "ref", "ok");
        reentrant(layouts, "syscall/js.valueInvoke", "v", "args", "args_len", "args_cap", "ref", "ok");
        reentrant(layouts, "syscall/js.valueNew", "v", "args", "args_len", "args_cap", "ref", "ok");
        plain(layouts, "syscall/js.valueLength", "v", "len");
        plain(layouts, "syscall/js.valuePrepareString", "v", "ref", "len");
        plain(layouts, "syscall/js.valueLoadString", "v", "b", "b_len", "b_cap");
        plain(layouts, "syscall/js.valueInstanceOf", "v", "t", "ok");
        plain(layouts, "syscall/js.copyBytesToGo", "dst", "dst_len", "dst_cap", "src", "n", "ok");
        plain(layouts, "syscall/js.copyBytesToJS", "dst", "src", "src_len", "src_cap", "n", "ok");
        // Go 1.11 and 1.12 names of the clocks.
        layouts.put("runtime.nanotime", layouts.get("runtime.nanotime1"));
        layouts.put("runtime.walltime1", layouts.get("runtime.walltime"));
        LAYOUTS = Map.copyOf(layouts);
    }

    private static void plain(Map<String, Layout> layouts, String function, String... slots) {
        layouts.put(function, new Layout(List.of(slots), false));
    }

    private static void reentrant(Map<String, Layout> layouts, String function, String... slots) {
        layouts.put(function, new Layout(List.of(slots), true));
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
