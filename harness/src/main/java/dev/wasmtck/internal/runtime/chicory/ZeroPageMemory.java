package dev.wasmtck.internal.runtime.chicory;

import com.dylibso.chicory.runtime.ConstantEvaluators;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.UninstantiableException;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.PassiveDataSegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A non-shared linear memory for Chicory whose 64 KiB pages are shared until written.
 *
 * <p>Chicory's own memories allocate (and so zero) every page when the instance is built and when memory grows:
 * an emscripten module's 16 MiB costs about a millisecond and 16 MiB of heap per instance, although a case
 * touches a few pages of it; and every instance copies the module's data segments in again. Here a page that
 * this memory never wrote is shared: the one {@link #ZERO} array, or a page of the module's initial image (its
 * active data segments applied once, {@link InitialPages}), which all its instances read. Reads need no check;
 * each write path first makes the page this memory's own ({@link #own}). Building and growing cost a reference
 * per page; only what a guest writes is allocated.
 *
 * <p>Like every non-shared memory it is used by one thread at a time (the instance's), so making a page its
 * own needs no synchronisation. Bounds follow Chicory's: slots past the current size are {@code null} and the
 * slot array ends at the maximum, so an access outside fails on the array itself and is reported as wasm's
 * "out of bounds memory access".
 */
final class ZeroPageMemory implements Memory {
    private static final int SHIFT = 16;
    private static final int MASK = PAGE_SIZE - 1;
    /** Never written: every write path replaces it with a page of its own first ({@link #own}). */
    static final byte[] ZERO = new byte[PAGE_SIZE];
    private static final VarHandle SHORT = view(short[].class);
    private static final VarHandle INT = view(int[].class);
    private static final VarHandle LONG = view(long[].class);
    private static final VarHandle FLOAT = view(float[].class);
    private static final VarHandle DOUBLE = view(double[].class);

    private final MemoryLimits limits;
    /** Slots below {@link #size} hold a shared page ({@link #ZERO}, or the image's) or one of this memory's own. */
    private final byte[][] pages;
    /** Which slots hold a page of this memory's own, which it may write in place. */
    private final boolean[] mine;
    /** The module's initial pages with its active data segments in them, or null: {@link #initialize} installs them. */
    private final byte[][] image;
    private int size;
    private DataSegment[] segments = new DataSegment[0];

    ZeroPageMemory(MemoryLimits limits) {
        this(limits, null);
    }

    /**
     * A memory of {@code limits} whose active data segments {@link #initialize} takes from {@code image} (the
     * module's initial pages, shared, never written: {@link InitialPages}) instead of copying them, unless
     * {@code image} is null or not of the initial size.
     */
    ZeroPageMemory(MemoryLimits limits, byte[][] image) {
        if (limits.shared()) {
            throw new IllegalArgumentException("shared memories keep Chicory's own implementation");
        }
        this.limits = limits;
        this.pages = new byte[Math.min(limits.maximumPages(), RUNTIME_MAX_PAGES)][];
        if (limits.initialPages() > pages.length) {
            throw new UninstantiableException("initial memory of " + limits.initialPages()
                    + " pages exceeds the maximum of " + pages.length);
        }
        this.mine = new boolean[pages.length];
        this.image = image != null && image.length == limits.initialPages() ? image : null;
        Arrays.fill(pages, 0, limits.initialPages(), ZERO);
        this.size = limits.initialPages();
    }

    private static VarHandle view(Class<?> arrayType) {
        return MethodHandles.byteArrayViewVarHandle(arrayType, ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * The page at {@code index}, made this memory's own if it was still shared: a fresh page for the zero page,
     * a copy of the image's. A slot past the size holds null and fails here, as an access outside.
     */
    private byte[] own(int index) {
        byte[] page = pages[index];
        if (!mine[index]) {
            page = page == ZERO ? new byte[PAGE_SIZE] : page.clone();
            pages[index] = page;
            mine[index] = true;
        }
        return page;
    }

    private long byteSize() {
        return (long) size << SHIFT;
    }

    private void check(int addr, int length) {
        if (addr < 0 || length < 0 || (long) addr + length > byteSize()) {
            throw outOfBounds(addr, length);
        }
    }

    private WasmRuntimeException outOfBounds(int addr, int length) {
        return new WasmRuntimeException("out of bounds memory access: " + length + " bytes at address "
                + Integer.toUnsignedString(addr) + " in a memory of " + byteSize() + " bytes");
    }

    /** What a single access that fell off the slot array (or into a missing slot) reports. */
    private RuntimeException failed(RuntimeException e, int addr, int length) {
        return e instanceof IndexOutOfBoundsException || e instanceof NullPointerException ? outOfBounds(addr, length)
                : e;
    }

    // --- size ---

    @Override
    public int pages() {
        return size;
    }

    @Override
    public int grow(int delta) {
        int previous = size;
        long next = (long) previous + delta;
        if (delta < 0 || next > maximumPages()) {
            return -1;
        }
        Arrays.fill(pages, previous, (int) next, ZERO);
        size = (int) next;
        return previous;
    }

    @Override
    public int initialPages() {
        return limits.initialPages();
    }

    @Override
    public int maximumPages() {
        return pages.length;
    }

    @Override
    public boolean shared() {
        return false;
    }

    // --- threads: a non-shared memory has no waiters ---

    @Override
    public Object lock(int address) {
        return new Object();
    }

    @Override
    @SuppressWarnings("removal")
    public int waitOn(int address, int expected, long timeout) {
        throw new ChicoryException("Attempt to wait on a non-shared memory, not supported.");
    }

    @Override
    @SuppressWarnings("removal")
    public int waitOn(int address, long expected, long timeout) {
        throw new ChicoryException("Attempt to wait on a non-shared memory, not supported.");
    }

    @Override
    @SuppressWarnings("removal")
    public int notify(int address, int maxThreads) {
        return 0;
    }

    // --- data segments ---

    @Override
    public void initialize(Instance instance, DataSegment[] dataSegments) {
        initialize(instance, dataSegments, 0);
    }

    @Override
    public void initialize(Instance instance, DataSegment[] dataSegments, int memoryIndex) {
        if (dataSegments == null) {
            return;
        }
        this.segments = dataSegments;
        boolean installed = image != null && memoryIndex == 0 && size == image.length;
        if (installed) {
            // Chicory zeroes a memory and then initialises it: the image is exactly that, its segments applied.
            System.arraycopy(image, 0, pages, 0, image.length);
            Arrays.fill(mine, 0, image.length, false);
        }
        for (DataSegment s : dataSegments) {
            if (s instanceof ActiveDataSegment active && active.index() == memoryIndex && !installed) {
                int offset = (int) ConstantEvaluators.computeConstantValue(instance, active.offsetInstructions())[0];
                byte[] data = active.data();
                if (offset < 0 || (long) offset + data.length > byteSize()) {
                    throw new UninstantiableException(outOfBounds(offset, data.length).getMessage());
                }
                write(offset, data, 0, data.length);
            } else if (!(s instanceof ActiveDataSegment) && !(s instanceof PassiveDataSegment)) {
                throw new ChicoryException("Data segment should be active or passive: " + s);
            }
        }
    }

    @Override
    public void initPassiveSegment(int segmentId, int dest, int offset, int size) {
        write(dest, segments[segmentId].data(), offset, size);
    }

    @Override
    public void drop(int segment) {
        segments[segment] = PassiveDataSegment.EMPTY;
    }

    // --- bulk ---

    @Override
    public void write(int addr, byte[] data, int offset, int length) {
        if (offset < 0 || length < 0 || (long) offset + length > data.length) {
            throw new WasmRuntimeException("out of bounds memory access: " + length + " bytes at offset " + offset
                    + " of " + data.length + " source bytes");
        }
        check(addr, length);
        while (length > 0) {
            int at = addr & MASK;
            int chunk = Math.min(length, PAGE_SIZE - at);
            System.arraycopy(data, offset, own(addr >>> SHIFT), at, chunk);
            addr += chunk;
            offset += chunk;
            length -= chunk;
        }
    }

    @Override
    public byte[] readBytes(int addr, int length) {
        check(addr, length);
        byte[] out = new byte[length];
        int done = 0;
        while (done < length) {
            int at = addr & MASK;
            int chunk = Math.min(length - done, PAGE_SIZE - at);
            System.arraycopy(pages[addr >>> SHIFT], at, out, done, chunk);
            addr += chunk;
            done += chunk;
        }
        return out;
    }

    @Override
    public void zero() {
        Arrays.fill(pages, 0, size, ZERO);
        Arrays.fill(mine, 0, size, false);
    }

    @Override
    public void fill(byte value, int fromIndex, int toIndex) {
        int length = toIndex - fromIndex;
        check(fromIndex, length);
        int addr = fromIndex;
        while (length > 0) {
            int at = addr & MASK;
            int chunk = Math.min(length, PAGE_SIZE - at);
            int index = addr >>> SHIFT;
            if (value == 0 && chunk == PAGE_SIZE) {
                pages[index] = ZERO; // a whole page of zeros is the shared one again
                mine[index] = false;
            } else if (value != 0 || pages[index] != ZERO) {
                Arrays.fill(own(index), at, at + chunk, value);
            }
            addr += chunk;
            length -= chunk;
        }
    }

    @Override
    public void copy(int dest, int src, int length) {
        check(dest, length);
        check(src, length);
        if (dest <= src || dest >= src + length) {
            // Front to back: nothing copied yet is overwritten before it is read.
            while (length > 0) {
                int d = dest & MASK;
                int s = src & MASK;
                int chunk = Math.min(length, PAGE_SIZE - Math.max(d, s));
                System.arraycopy(pages[src >>> SHIFT], s, own(dest >>> SHIFT), d, chunk);
                dest += chunk;
                src += chunk;
                length -= chunk;
            }
        } else {
            // The destination overlaps the source's tail: back to front.
            int destEnd = dest + length;
            int srcEnd = src + length;
            while (length > 0) {
                int d = ((destEnd - 1) & MASK) + 1; // bytes of the last destination page up to destEnd
                int s = ((srcEnd - 1) & MASK) + 1;
                int chunk = Math.min(length, Math.min(d, s));
                destEnd -= chunk;
                srcEnd -= chunk;
                System.arraycopy(pages[srcEnd >>> SHIFT], srcEnd & MASK, own(destEnd >>> SHIFT), destEnd & MASK,
                        chunk);
                length -= chunk;
            }
        }
    }

    // --- single values: the page's own array when the value fits in it, byte by byte across pages ---

    @Override
    public byte read(int addr) {
        try {
            return pages[addr >>> SHIFT][addr & MASK];
        } catch (RuntimeException e) {
            throw failed(e, addr, 1);
        }
    }

    @Override
    public void writeByte(int addr, byte data) {
        try {
            own(addr >>> SHIFT)[addr & MASK] = data;
        } catch (RuntimeException e) {
            throw failed(e, addr, 1);
        }
    }

    @Override
    public short readShort(int addr) {
        int at = addr & MASK;
        if (at <= PAGE_SIZE - 2) {
            try {
                return (short) SHORT.get(pages[addr >>> SHIFT], at);
            } catch (RuntimeException e) {
                throw failed(e, addr, 2);
            }
        }
        return (short) spanned(addr, 2);
    }

    @Override
    public long readU16(int addr) {
        return readShort(addr) & 0xFFFFL;
    }

    @Override
    public void writeShort(int addr, short data) {
        int at = addr & MASK;
        if (at <= PAGE_SIZE - 2) {
            try {
                SHORT.set(own(addr >>> SHIFT), at, data);
            } catch (RuntimeException e) {
                throw failed(e, addr, 2);
            }
        } else {
            span(addr, 2, data);
        }
    }

    @Override
    public int readInt(int addr) {
        int at = addr & MASK;
        if (at <= PAGE_SIZE - 4) {
            try {
                return (int) INT.get(pages[addr >>> SHIFT], at);
            } catch (RuntimeException e) {
                throw failed(e, addr, 4);
            }
        }
        return (int) spanned(addr, 4);
    }

    @Override
    public void writeI32(int addr, int data) {
        int at = addr & MASK;
        if (at <= PAGE_SIZE - 4) {
            try {
                INT.set(own(addr >>> SHIFT), at, data);
            } catch (RuntimeException e) {
                throw failed(e, addr, 4);
            }
        } else {
            span(addr, 4, data);
        }
    }

    @Override
    public long readLong(int addr) {
        int at = addr & MASK;
        if (at <= PAGE_SIZE - 8) {
            try {
                return (long) LONG.get(pages[addr >>> SHIFT], at);
            } catch (RuntimeException e) {
                throw failed(e, addr, 8);
            }
        }
        return spanned(addr, 8);
    }

    @Override
    public void writeLong(int addr, long data) {
        int at = addr & MASK;
        if (at <= PAGE_SIZE - 8) {
            try {
                LONG.set(own(addr >>> SHIFT), at, data);
            } catch (RuntimeException e) {
                throw failed(e, addr, 8);
            }
        } else {
            span(addr, 8, data);
        }
    }

    @Override
    public float readFloat(int addr) {
        int at = addr & MASK;
        if (at <= PAGE_SIZE - 4) {
            try {
                return (float) FLOAT.get(pages[addr >>> SHIFT], at);
            } catch (RuntimeException e) {
                throw failed(e, addr, 4);
            }
        }
        return Float.intBitsToFloat((int) spanned(addr, 4));
    }

    @Override
    public long readF32(int addr) {
        return readInt(addr);
    }

    @Override
    public void writeF32(int addr, float data) {
        int at = addr & MASK;
        if (at <= PAGE_SIZE - 4) {
            try {
                FLOAT.set(own(addr >>> SHIFT), at, data);
            } catch (RuntimeException e) {
                throw failed(e, addr, 4);
            }
        } else {
            span(addr, 4, Float.floatToRawIntBits(data));
        }
    }

    @Override
    public double readDouble(int addr) {
        int at = addr & MASK;
        if (at <= PAGE_SIZE - 8) {
            try {
                return (double) DOUBLE.get(pages[addr >>> SHIFT], at);
            } catch (RuntimeException e) {
                throw failed(e, addr, 8);
            }
        }
        return Double.longBitsToDouble(spanned(addr, 8));
    }

    @Override
    public long readF64(int addr) {
        return readLong(addr);
    }

    @Override
    public void writeF64(int addr, double data) {
        int at = addr & MASK;
        if (at <= PAGE_SIZE - 8) {
            try {
                DOUBLE.set(own(addr >>> SHIFT), at, data);
            } catch (RuntimeException e) {
                throw failed(e, addr, 8);
            }
        } else {
            span(addr, 8, Double.doubleToRawLongBits(data));
        }
    }

    /** A little-endian value of {@code width} bytes that starts on one page and ends on the next. */
    private long spanned(int addr, int width) {
        check(addr, width);
        long value = 0;
        for (int i = width - 1; i >= 0; i--) {
            int a = addr + i;
            value = (value << 8) | (pages[a >>> SHIFT][a & MASK] & 0xFFL);
        }
        return value;
    }

    private void span(int addr, int width, long value) {
        check(addr, width); // all or nothing: no partial write before the trap
        for (int i = 0; i < width; i++) {
            int a = addr + i;
            own(a >>> SHIFT)[a & MASK] = (byte) (value >>> (8 * i));
        }
    }
}
