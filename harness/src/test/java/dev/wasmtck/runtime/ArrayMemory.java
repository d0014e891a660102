package dev.wasmtck.runtime;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A fixed-size linear memory on a byte array, for tests of code that only needs a {@link LinearMemory}. */
final class ArrayMemory implements LinearMemory {
    private final ByteBuffer buf;

    private ArrayMemory(int bytes) {
        this.buf = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    static ArrayMemory pages(int pages) {
        return new ArrayMemory(pages * PAGE_SIZE);
    }

    private int at(int addr, int len) {
        if (addr < 0 || len < 0 || (long) addr + len > buf.capacity()) {
            throw new WasmTrap("out of bounds memory access", null);
        }
        return addr;
    }

    @Override
    public int pages() {
        return buf.capacity() / PAGE_SIZE;
    }

    @Override
    public int grow(int deltaPages) {
        return deltaPages == 0 ? pages() : -1;
    }

    @Override
    public byte readByte(int addr) {
        return buf.get(at(addr, 1));
    }

    @Override
    public void writeByte(int addr, byte value) {
        buf.put(at(addr, 1), value);
    }

    @Override
    public int readI32(int addr) {
        return buf.getInt(at(addr, 4));
    }

    @Override
    public void writeI32(int addr, int value) {
        buf.putInt(at(addr, 4), value);
    }

    @Override
    public long readI64(int addr) {
        return buf.getLong(at(addr, 8));
    }

    @Override
    public void writeI64(int addr, long value) {
        buf.putLong(at(addr, 8), value);
    }

    @Override
    public byte[] read(int addr, int length) {
        byte[] out = new byte[length < 0 ? 0 : length];
        read(addr, out, 0, length);
        return out;
    }

    @Override
    public void read(int addr, byte[] dst, int offset, int length) {
        buf.get(at(addr, length), dst, offset, length);
    }

    @Override
    public void write(int addr, byte[] src, int offset, int length) {
        buf.put(at(addr, length), src, offset, length);
    }
}
