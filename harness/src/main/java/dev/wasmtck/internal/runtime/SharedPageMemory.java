package dev.wasmtck.internal.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/**
 * A non-shared linear memory of 64 KiB pages that are shared until written, for the runtimes that take a
 * memory implementation (Chicory and Endive, whose {@code Memory} interfaces these public methods match in
 * name and signature: a binding extends this class, implements its runtime's interface and adds only what
 * names its runtime's types).
 *
 * <p>Chicory's and Endive's own memories allocate (and so zero) every page when the instance is built and
 * when memory grows: an emscripten module's 16 MiB costs about a millisecond and 16 MiB of heap per
 * instance, although a case touches a few pages of it; and every instance copies the module's data segments
 * in again. Here a page that this memory never wrote is shared: the one {@link #ZERO} array, or a page of the
 * module's initial image (its active data segments applied once, {@link #image}), which all its instances
 * read. Reads need no check; each write path first makes the page this memory's own ({@link #own}). Building
 * and growing cost a reference per page; only what a guest writes is allocated.
 *
 * <p>Like every non-shared memory it is used by one thread at a time (the instance's), so making a page its
 * own needs no synchronisation. Slots past the current size are {@code null} and the slot array ends at the
 * maximum, so an access outside fails on the array itself and is reported as wasm's "out of bounds memory
 * access" ({@link #trap}).
 */
public abstract class SharedPageMemory {
    /** Bytes in a wasm page. */
    public static final int PAGE = 1 << 16;
    private static final int SHIFT = 16;
    private static final int MASK = PAGE - 1;
    /** Never written: every write path replaces it with a page of its own first ({@link #own}). */
    public static final byte[] ZERO = new byte[PAGE];
    private static final VarHandle SHORT = view(short[].class);
    private static final VarHandle INT = view(int[].class);
    private static final VarHandle LONG = view(long[].class);
    private static final VarHandle FLOAT = view(float[].class);
    private static final VarHandle DOUBLE = view(double[].class);

    /** Slots below {@link #size} hold a shared page ({@link #ZERO}, or the image's) or one of this memory's own. */
    private final byte[][] pages;
    /** Which slots hold a page of this memory's own, which it may write in place. */
    private final boolean[] mine;
    /** The module's initial pages with its active data segments in them, or null ({@link #installImage}). */
    private final byte[][] image;
    private final int initialPages;
    private int size;
    /** The bytes of the module's data segments, by index, for {@code memory.init}; a dropped one is empty. */
    private byte[][] segments = new byte[0][];

    /**
     * A memory of {@code initialPages} zeroed pages that grows to {@code maximumPages}; {@code image} (the
     * module's initial pages, shared and never written, from {@link #image}) is what {@link #installImage} puts
     * in place, unless it is null or not of the initial size.
     */
    protected SharedPageMemory(int initialPages, int maximumPages, byte[][] image) {
        if (initialPages > maximumPages) {
            throw new IllegalArgumentException("initial memory of " + initialPages
                    + " pages exceeds the maximum of " + maximumPages);
        }
        this.pages = new byte[maximumPages][];
        this.mine = new boolean[maximumPages];
        this.image = image != null && image.length == initialPages ? image : null;
        Arrays.fill(pages, 0, initialPages, ZERO);
        this.initialPages = initialPages;
        this.size = initialPages;
    }

    /** One active data segment whose place is known without an instance. */
    public record Data(long offset, byte[] bytes) {}

    /**
     * A module's initial pages ({@code initialPages} of them) with {@code segments} applied in order (pages
     * without data are {@link #ZERO}), or null when a segment does not fit or there is none.
     */
    public static byte[][] image(int initialPages, List<Data> segments) {
        long size = (long) initialPages * PAGE;
        byte[][] pages = null;
        for (Data d : segments) {
            if (d.offset() < 0 || d.offset() + d.bytes().length > size) {
                return null;
            }
            if (pages == null) {
                pages = new byte[initialPages][];
                Arrays.fill(pages, ZERO);
            }
            for (int done = 0; done < d.bytes().length; ) {
                long at = d.offset() + done;
                int index = (int) (at >>> SHIFT);
                int within = (int) (at & MASK);
                int chunk = Math.min(d.bytes().length - done, PAGE - within);
                if (pages[index] == ZERO) {
                    pages[index] = new byte[PAGE];
                }
                System.arraycopy(d.bytes(), done, pages[index], within, chunk);
                done += chunk;
            }
        }
        return pages;
    }

    /** The runtime's exception for a trap (an access outside the memory, a wait on it), with {@code message}. */
    protected abstract RuntimeException trap(String message);

    /** The runtime's exception for a module that cannot be instantiated (its data outside the memory). */
    protected abstract RuntimeException uninstantiable(String message);

    /** Keeps the bytes of the module's data segments, by index, for {@link #initPassiveSegment} and {@link #drop}. */
    protected final void keepSegments(byte[][] bytes) {
        this.segments = bytes;
    }

    /** Writes an active data segment at {@code offset}, as instantiation does: all of it inside, or refused. */
    protected final void applySegment(int offset, byte[] data) {
        if (offset < 0 || (long) offset + data.length > byteSize()) {
            throw uninstantiable("out of bounds memory access: " + data.length + " bytes of data at address "
                    + Integer.toUnsignedString(offset) + " in a memory of " + byteSize() + " bytes");
        }
        write(offset, data, 0, data.length);
    }

    /**
     * Puts the module's image in place of the first pages and answers true, when this memory has one of the
     * size it has now; the runtime, which zeroes a memory before it initialises it, then skips copying its
     * active segments.
     */
    protected final boolean installImage() {
        if (image == null || size != image.length) {
            return false;
        }
        System.arraycopy(image, 0, pages, 0, image.length);
        Arrays.fill(mine, 0, image.length, false);
        return true;
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
            page = page == ZERO ? new byte[PAGE] : page.clone();
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

    private RuntimeException outOfBounds(int addr, int length) {
        return trap("out of bounds memory access: " + length + " bytes at address "
                + Integer.toUnsignedString(addr) + " in a memory of " + byteSize() + " bytes");
    }

    /** What a single access that fell off the slot array (or into a missing slot) reports. */
    private RuntimeException failed(RuntimeException e, int addr, int length) {
        return e instanceof IndexOutOfBoundsException || e instanceof NullPointerException ? outOfBounds(addr, length)
                : e;
    }

    // --- size, and threads: a non-shared memory has no waiters ---

    public int pages() {
        return size;
    }

    public int initialPages() {
        return initialPages;
    }

    public boolean shared() {
        return false;
    }

    public Object lock(int address) {
        return new Object();
    }

    public int waitOn(int address, int expected, long timeout) {
        throw trap("wait on a memory that is not shared");
    }

    public int waitOn(int address, long expected, long timeout) {
        throw trap("wait on a memory that is not shared");
    }

    public int notify(int address, int maxThreads) {
        return 0;
    }

    public int maximumPages() {
        return pages.length;
    }

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

    // --- data segments ---

    public void initPassiveSegment(int segmentId, int dest, int offset, int size) {
        write(dest, segments[segmentId], offset, size);
    }

    public void drop(int segment) {
        segments[segment] = new byte[0];
    }

    // --- bulk ---

    public void write(int addr, byte[] data, int offset, int length) {
        if (offset < 0 || length < 0 || (long) offset + length > data.length) {
            throw trap("out of bounds memory access: " + length + " bytes at offset " + offset
                    + " of " + data.length + " source bytes");
        }
        check(addr, length);
        while (length > 0) {
            int at = addr & MASK;
            int chunk = Math.min(length, PAGE - at);
            System.arraycopy(data, offset, own(addr >>> SHIFT), at, chunk);
            addr += chunk;
            offset += chunk;
            length -= chunk;
        }
    }

    public byte[] readBytes(int addr, int length) {
        check(addr, length);
        byte[] out = new byte[length];
        int done = 0;
        while (done < length) {
            int at = addr & MASK;
            int chunk = Math.min(length - done, PAGE - at);
            System.arraycopy(pages[addr >>> SHIFT], at, out, done, chunk);
            addr += chunk;
            done += chunk;
        }
        return out;
    }

    public void zero() {
        Arrays.fill(pages, 0, size, ZERO);
        Arrays.fill(mine, 0, size, false);
    }

    public void fill(byte value, int fromIndex, int toIndex) {
        int length = toIndex - fromIndex;
        check(fromIndex, length);
        int addr = fromIndex;
        while (length > 0) {
            int at = addr & MASK;
            int chunk = Math.min(length, PAGE - at);
            int index = addr >>> SHIFT;
            if (value == 0 && chunk == PAGE) {
                pages[index] = ZERO; // a whole page of zeros is the shared one again
                mine[index] = false;
            } else if (value != 0 || pages[index] != ZERO) {
                Arrays.fill(own(index), at, at + chunk, value);
            }
            addr += chunk;
            length -= chunk;
        }
    }

    public void copy(int dest, int src, int length) {
        check(dest, length);
        check(src, length);
        if (dest <= src || dest >= src + length) {
            // Front to back: nothing copied yet is overwritten before it is read.
            while (length > 0) {
                int d = dest & MASK;
                int s = src & MASK;
                int chunk = Math.min(length, PAGE - Math.max(d, s));
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

    public byte read(int addr) {
        try {
            return pages[addr >>> SHIFT][addr & MASK];
        } catch (RuntimeException e) {
            throw failed(e, addr, 1);
        }
    }

    public void writeByte(int addr, byte data) {
        try {
            own(addr >>> SHIFT)[addr & MASK] = data;
        } catch (RuntimeException e) {
            throw failed(e, addr, 1);
        }
    }

    public short readShort(int addr) {
        int at = addr & MASK;
        if (at <= PAGE - 2) {
            try {
                return (short) SHORT.get(pages[addr >>> SHIFT], at);
            } catch (RuntimeException e) {
                throw failed(e, addr, 2);
            }
        }
        return (short) spanned(addr, 2);
    }

    public long readU16(int addr) {
        return readShort(addr) & 0xFFFFL;
    }

    public void writeShort(int addr, short data) {
        int at = addr & MASK;
        if (at <= PAGE - 2) {
            try {
                SHORT.set(own(addr >>> SHIFT), at, data);
            } catch (RuntimeException e) {
                throw failed(e, addr, 2);
            }
        } else {
            span(addr, 2, data);
        }
    }

    public int readInt(int addr) {
        int at = addr & MASK;
        if (at <= PAGE - 4) {
            try {
                return (int) INT.get(pages[addr >>> SHIFT], at);
            } catch (RuntimeException e) {
                throw failed(e, addr, 4);
            }
        }
        return (int) spanned(addr, 4);
    }

    public void writeI32(int addr, int data) {
        int at = addr & MASK;
        if (at <= PAGE - 4) {
            try {
                INT.set(own(addr >>> SHIFT), at, data);
            } catch (RuntimeException e) {
                throw failed(e, addr, 4);
            }
        } else {
            span(addr, 4, data);
        }
    }

    public long readLong(int addr) {
        int at = addr & MASK;
        if (at <= PAGE - 8) {
            try {
                return (long) LONG.get(pages[addr >>> SHIFT], at);
            } catch (RuntimeException e) {
                throw failed(e, addr, 8);
            }
        }
        return spanned(addr, 8);
    }

    public void writeLong(int addr, long data) {
        int at = addr & MASK;
        if (at <= PAGE - 8) {
            try {
                LONG.set(own(addr >>> SHIFT), at, data);
            } catch (RuntimeException e) {
                throw failed(e, addr, 8);
            }
        } else {
            span(addr, 8, data);
        }
    }

    public float readFloat(int addr) {
        int at = addr & MASK;
        if (at <= PAGE - 4) {
            try {
                return (float) FLOAT.get(pages[addr >>> SHIFT], at);
            } catch (RuntimeException e) {
                throw failed(e, addr, 4);
            }
        }
        return Float.intBitsToFloat((int) spanned(addr, 4));
    }

    public long readF32(int addr) {
        return readInt(addr);
    }

    public void writeF32(int addr, float data) {
        int at = addr & MASK;
        if (at <= PAGE - 4) {
            try {
                FLOAT.set(own(addr >>> SHIFT), at, data);
            } catch (RuntimeException e) {
                throw failed(e, addr, 4);
            }
        } else {
            span(addr, 4, Float.floatToRawIntBits(data));
        }
    }

    public double readDouble(int addr) {
        int at = addr & MASK;
        if (at <= PAGE - 8) {
            try {
                return (double) DOUBLE.get(pages[addr >>> SHIFT], at);
            } catch (RuntimeException e) {
                throw failed(e, addr, 8);
            }
        }
        return Double.longBitsToDouble(spanned(addr, 8));
    }

    public long readF64(int addr) {
        return readLong(addr);
    }

    public void writeF64(int addr, double data) {
        int at = addr & MASK;
        if (at <= PAGE - 8) {
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
