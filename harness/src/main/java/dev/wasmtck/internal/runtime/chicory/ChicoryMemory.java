package dev.wasmtck.internal.runtime.chicory;

import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.ChicoryException;
import dev.wasmtck.runtime.LinearMemory;
import dev.wasmtck.runtime.WasmTrap;

/** Chicory's memory behind the interface; Chicory's bounds errors become {@link WasmTrap}s. */
final class ChicoryMemory implements LinearMemory {
    private final Memory memory;

    ChicoryMemory(Memory memory) {
        this.memory = memory;
    }

    private static WasmTrap trap(RuntimeException e) {
        // Chicory's own message says which address and limit; keep it, as a trap in wasm would.
        return new WasmTrap(e instanceof ChicoryException && e.getMessage() != null ? e.getMessage()
                : "out of bounds memory access", e);
    }

    @Override
    public int pages() {
        return memory.pages();
    }

    @Override
    public int grow(int deltaPages) {
        return memory.grow(deltaPages);
    }

    @Override
    public byte readByte(int addr) {
        try {
            return memory.read(addr);
        } catch (ChicoryException | IndexOutOfBoundsException e) {
            throw trap(e);
        }
    }

    @Override
    public void writeByte(int addr, byte value) {
        try {
            memory.writeByte(addr, value);
        } catch (ChicoryException | IndexOutOfBoundsException e) {
            throw trap(e);
        }
    }

    @Override
    public int readI32(int addr) {
        try {
            return memory.readInt(addr);
        } catch (ChicoryException | IndexOutOfBoundsException e) {
            throw trap(e);
        }
    }

    @Override
    public void writeI32(int addr, int value) {
        try {
            memory.writeI32(addr, value);
        } catch (ChicoryException | IndexOutOfBoundsException e) {
            throw trap(e);
        }
    }

    @Override
    public long readI64(int addr) {
        try {
            return memory.readLong(addr);
        } catch (ChicoryException | IndexOutOfBoundsException e) {
            throw trap(e);
        }
    }

    @Override
    public void writeI64(int addr, long value) {
        try {
            memory.writeLong(addr, value);
        } catch (ChicoryException | IndexOutOfBoundsException e) {
            throw trap(e);
        }
    }

    @Override
    public byte[] read(int addr, int length) {
        try {
            return memory.readBytes(addr, length);
        } catch (ChicoryException | IndexOutOfBoundsException | NegativeArraySizeException e) {
            throw trap(e);
        }
    }

    @Override
    public void read(int addr, byte[] dst, int offset, int length) {
        System.arraycopy(read(addr, length), 0, dst, offset, length);
    }

    @Override
    public void write(int addr, byte[] src, int offset, int length) {
        try {
            memory.write(addr, src, offset, length);
        } catch (ChicoryException | IndexOutOfBoundsException e) {
            throw trap(e);
        }
    }
}
