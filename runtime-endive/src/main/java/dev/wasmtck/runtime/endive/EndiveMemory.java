package dev.wasmtck.runtime.endive;

import dev.wasmtck.runtime.LinearMemory;
import dev.wasmtck.runtime.WasmTrap;
import run.endive.runtime.Memory;
import run.endive.wasm.WasmEngineException;

/** Endive's memory behind the interface; Endive's bounds errors become {@link WasmTrap}s. */
final class EndiveMemory implements LinearMemory {
    private final Memory memory;

    EndiveMemory(Memory memory) {
        this.memory = memory;
    }

    private static WasmTrap trap(RuntimeException e) {
        // Endive's own message says which address and limit; keep it, as a trap in wasm would.
        return new WasmTrap(e instanceof WasmEngineException && e.getMessage() != null ? e.getMessage()
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
        } catch (WasmEngineException | IndexOutOfBoundsException e) {
            throw trap(e);
        }
    }

    @Override
    public void writeByte(int addr, byte value) {
        try {
            memory.writeByte(addr, value);
        } catch (WasmEngineException | IndexOutOfBoundsException e) {
            throw trap(e);
        }
    }

    @Override
    public int readI32(int addr) {
        try {
            return memory.readInt(addr);
        } catch (WasmEngineException | IndexOutOfBoundsException e) {
            throw trap(e);
        }
    }

    @Override
    public void writeI32(int addr, int value) {
        try {
            memory.writeI32(addr, value);
        } catch (WasmEngineException | IndexOutOfBoundsException e) {
            throw trap(e);
        }
    }

    @Override
    public long readI64(int addr) {
        try {
            return memory.readLong(addr);
        } catch (WasmEngineException | IndexOutOfBoundsException e) {
            throw trap(e);
        }
    }

    @Override
    public void writeI64(int addr, long value) {
        try {
            memory.writeLong(addr, value);
        } catch (WasmEngineException | IndexOutOfBoundsException e) {
            throw trap(e);
        }
    }

    @Override
    public byte[] read(int addr, int length) {
        try {
            return memory.readBytes(addr, length);
        } catch (WasmEngineException | IndexOutOfBoundsException | NegativeArraySizeException e) {
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
        } catch (WasmEngineException | IndexOutOfBoundsException e) {
            throw trap(e);
        }
    }
}
