package dev.wasmtck.runtime.graalwasm;

import dev.wasmtck.runtime.LinearMemory;
import dev.wasmtck.runtime.WasmTrap;
import java.nio.ByteOrder;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * A GraalWasm memory through the polyglot buffer API. The {@link Value} stays valid across growth
 * (it names the memory, not a buffer), so nothing here is cached.
 */
final class GraalMemory implements LinearMemory {
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private final Value memory;
    private final Value memGrow;
    /** Keeps the instance, and so its context, alive while anyone still holds this memory. */
    @SuppressWarnings("unused")
    private final GraalInstance owner;

    GraalMemory(Value memory, Value memGrow, GraalInstance owner) {
        this.memory = memory;
        this.memGrow = memGrow;
        this.owner = owner;
    }

    private static WasmTrap outOfBounds(RuntimeException cause) {
        return new WasmTrap(Faults.OUT_OF_BOUNDS, cause);
    }

    private static long at(int addr) {
        return Integer.toUnsignedLong(addr);
    }

    @Override
    public int pages() {
        return (int) (memory.getBufferSize() / PAGE_SIZE);
    }

    @Override
    public int grow(int deltaPages) {
        if (deltaPages < 0) {
            return -1;
        }
        try {
            return memGrow.execute(memory, deltaPages).asInt();
        } catch (PolyglotException e) {
            // The JS-style API throws where memory.grow would return -1 (past the maximum).
            if (e.isHostException() || e.isInterrupted() || e.isCancelled()) {
                throw Faults.translate(e);
            }
            return -1;
        }
    }

    @Override
    public byte readByte(int addr) {
        try {
            return memory.readBufferByte(at(addr));
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds(e);
        }
    }

    @Override
    public void writeByte(int addr, byte value) {
        try {
            memory.writeBufferByte(at(addr), value);
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds(e);
        }
    }

    @Override
    public int readI32(int addr) {
        try {
            return memory.readBufferInt(LE, at(addr));
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds(e);
        }
    }

    @Override
    public void writeI32(int addr, int value) {
        try {
            memory.writeBufferInt(LE, at(addr), value);
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds(e);
        }
    }

    @Override
    public long readI64(int addr) {
        try {
            return memory.readBufferLong(LE, at(addr));
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds(e);
        }
    }

    @Override
    public void writeI64(int addr, long value) {
        try {
            memory.writeBufferLong(LE, at(addr), value);
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds(e);
        }
    }

    @Override
    public byte[] read(int addr, int length) {
        byte[] out = new byte[length];
        read(addr, out, 0, length);
        return out;
    }

    @Override
    public void read(int addr, byte[] dst, int offset, int length) {
        checkRange(addr, length);
        if (length == 0) {
            return;
        }
        try {
            memory.readBuffer(at(addr), dst, offset, length);
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds(e);
        }
    }

    @Override
    public void write(int addr, byte[] src, int offset, int length) {
        // The polyglot API has no bulk write: check the whole range first so a failed write changes
        // nothing, then write eight bytes at a time.
        checkRange(addr, length);
        long base = at(addr);
        int i = 0;
        try {
            for (; i + 8 <= length; i += 8) {
                memory.writeBufferLong(LE, base + i, littleEndianLong(src, offset + i));
            }
            for (; i < length; i++) {
                memory.writeBufferByte(base + i, src[offset + i]);
            }
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds(e);
        }
    }

    private void checkRange(int addr, int length) {
        if (length < 0 || at(addr) + length > memory.getBufferSize()) {
            throw new WasmTrap(Faults.OUT_OF_BOUNDS, null);
        }
    }

    private static long littleEndianLong(byte[] b, int o) {
        return (b[o] & 0xffL) | (b[o + 1] & 0xffL) << 8 | (b[o + 2] & 0xffL) << 16 | (b[o + 3] & 0xffL) << 24
                | (b[o + 4] & 0xffL) << 32 | (b[o + 5] & 0xffL) << 40 | (b[o + 6] & 0xffL) << 48
                | (b[o + 7] & 0xffL) << 56;
    }
}
