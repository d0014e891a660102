package dev.wasmtck.internal.runtime;

import dev.wasmtck.runtime.LinearMemory;
import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.runtime.GuestFault.Kind;

/**
 * Bounds-checked access to a guest's linear memory. Pointers and lengths coming from wasm are i32s
 * meant as unsigned; every method treats them so and raises a {@link Kind#PROTOCOL} fault naming
 * {@code what} (e.g. "get #2") and the numbers involved instead of letting an index exception out.
 */
public final class GuestMemory {
    private final LinearMemory memory;

    public GuestMemory(LinearMemory memory) {
        this.memory = memory;
    }

    public LinearMemory raw() {
        return memory;
    }

    /** Current size in bytes. */
    public long size() {
        return memory.size();
    }

    /** An i32 read as unsigned. */
    public static long u32(int value) {
        return value & 0xFFFF_FFFFL;
    }

    /** Fails unless {@code [ptr, ptr+len)} lies inside memory. Both numbers are unsigned. */
    public void checkRange(long ptr, long len, String what) throws GuestFault {
        long size = size();
        if (ptr < 0 || len < 0 || ptr + len > size) {
            throw new GuestFault(Kind.PROTOCOL, what + ": bytes " + ptr + ".." + (ptr + len) + " (" + len
                    + " bytes at pointer " + ptr + ") lie outside linear memory of " + size + " bytes ("
                    + memory.pages() + (memory.pages() == 1 ? " page)" : " pages)"));
        }
    }

    /** Copies {@code len} bytes at {@code ptr} (both unsigned i32s) out of memory. */
    public byte[] read(int ptr, int len, String what) throws GuestFault {
        checkRange(u32(ptr), u32(len), what);
        return memory.read(ptr, len);
    }

    /** Copies {@code data} into memory at {@code ptr} (unsigned). */
    public void write(int ptr, byte[] data, String what) throws GuestFault {
        checkRange(u32(ptr), data.length, what);
        memory.write(ptr, data);
    }

    /** Reads a little-endian u32 at {@code ptr} (unsigned). */
    public long readU32(int ptr, String what) throws GuestFault {
        checkRange(u32(ptr), 4, what);
        return u32(memory.readI32(ptr));
    }
}
