package dev.wasmtck.runtime;

import org.apiguardian.api.API;

/**
 * A guest's linear memory. Addresses are wasm i32 pointers carried in an {@code int} and meant as
 * unsigned; values are little-endian. An access outside the memory throws {@link WasmTrap}
 * ("out of bounds memory access"), as the same access in wasm would trap. Hosts that must report a
 * bad guest pointer as a protocol error check ranges first ({@link GuestMemory}).
 *
 * <p>The view is live: after the guest grows its memory, {@link #pages()} and every access see the
 * new size (a binding must not cache a buffer that growth replaces).
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface LinearMemory {
    int PAGE_SIZE = 65536;

    /** Current size in 64 KiB pages. */
    int pages();

    /** Current size in bytes. */
    default long size() {
        return (long) pages() * PAGE_SIZE;
    }

    /** Grows by {@code deltaPages} as {@code memory.grow} does: the old size in pages, or -1 if refused. */
    int grow(int deltaPages);

    byte readByte(int addr);

    void writeByte(int addr, byte value);

    int readI32(int addr);

    void writeI32(int addr, int value);

    long readI64(int addr);

    void writeI64(int addr, long value);

    default double readF64(int addr) {
        return Double.longBitsToDouble(readI64(addr));
    }

    default void writeF64(int addr, double value) {
        writeI64(addr, Double.doubleToRawLongBits(value));
    }

    /** A copy of {@code length} bytes at {@code addr}. */
    byte[] read(int addr, int length);

    /** Copies {@code length} bytes at {@code addr} into {@code dst} at {@code offset}. */
    void read(int addr, byte[] dst, int offset, int length);

    /** Copies {@code length} bytes of {@code src} from {@code offset} to {@code addr}. */
    void write(int addr, byte[] src, int offset, int length);

    default void write(int addr, byte[] src) {
        write(addr, src, 0, src.length);
    }
}
