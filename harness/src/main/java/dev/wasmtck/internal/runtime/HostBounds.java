package dev.wasmtck.internal.runtime;

import dev.wasmtck.runtime.LinearMemory;
import dev.wasmtck.runtime.WasmInterrupted;
import dev.wasmtck.runtime.WasmTrap;
import java.util.function.Consumer;

/**
 * Checks every host function makes before it acts on a number a guest gave it. A length, count or
 * pointer from wasm is checked against the guest's own memory before the host allocates anything
 * for it, so what the host allocates for a guest never exceeds what the guest already holds (and the
 * case's memory limit bounds that). Work proportional to a guest's numbers is done in chunks of
 * {@link #CHUNK} bytes with a look at the time limit between them, so a host function stops within
 * the limit like guest code does.
 *
 * <p>Violations are {@link WasmTrap}s (the access would trap in wasm too); a passed time limit is
 * {@link WasmInterrupted}. {@link GuestMemory} is the variant that reports a {@code PROTOCOL} fault.
 */
public final class HostBounds {
    /** Bytes a host function copies or fills between two looks at the time limit. */
    public static final int CHUNK = 1 << 16;

    private HostBounds() {}

    /** An i32 from wasm read as unsigned. */
    public static long u32(long value) {
        return value & 0xFFFF_FFFFL;
    }

    /**
     * Fails unless {@code [ptr, ptr + len)} lies inside {@code memory}; both are unsigned (an i64 length
     * from Go's ABI is checked as it is, a negative one fails).
     */
    public static void checkRange(LinearMemory memory, long ptr, long len, String what) {
        long size = memory.size();
        if (ptr < 0 || len < 0 || len > size || ptr > size - len) {
            throw new WasmTrap(what + ": " + len + " bytes at address " + ptr + " lie outside linear memory of "
                    + size + " bytes", null);
        }
    }

    /**
     * Fails unless {@code count} elements of {@code elementBytes} each at {@code ptr} lie inside memory; the
     * count the host may then allocate for is at most the memory's size over {@code elementBytes}.
     */
    public static int checkArray(LinearMemory memory, long ptr, long count, int elementBytes, String what) {
        long size = memory.size();
        if (count < 0 || count > size / elementBytes) {
            throw new WasmTrap(what + ": a count of " + count + " elements of " + elementBytes
                    + " bytes cannot lie inside linear memory of " + size + " bytes", null);
        }
        checkRange(memory, ptr, count * elementBytes, what);
        return (int) count;
    }

    /** Copies {@code len} bytes at {@code ptr} out of memory after checking the range (no allocation before). */
    public static byte[] read(LinearMemory memory, long ptr, long len, String what) {
        checkRange(memory, ptr, len, what);
        return memory.read((int) ptr, (int) len);
    }

    /**
     * Fills {@code [ptr, ptr + len)} from {@code source} a chunk at a time, with a look at the time limit
     * between chunks; allocates one chunk, however large {@code len} is.
     */
    public static void fill(LinearMemory memory, long ptr, long len, Consumer<byte[]> source, String what) {
        checkRange(memory, ptr, len, what);
        byte[] chunk = new byte[(int) Math.min(len, CHUNK)];
        for (long done = 0; done < len; done += chunk.length) {
            checkDeadline(what);
            if (len - done < chunk.length) {
                chunk = new byte[(int) (len - done)];
            }
            source.accept(chunk);
            memory.write((int) (ptr + done), chunk);
        }
    }

    /**
     * Throws {@link WasmInterrupted} when the guest's thread has been interrupted (the case's time limit):
     * what host functions call between steps of work a guest can make arbitrarily long.
     */
    public static void checkDeadline(String what) {
        if (Thread.currentThread().isInterrupted()) {
            throw new WasmInterrupted("interrupted in " + what, null);
        }
    }
}
