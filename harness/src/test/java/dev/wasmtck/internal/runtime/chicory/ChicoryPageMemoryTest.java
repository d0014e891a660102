package dev.wasmtck.internal.runtime.chicory;

import dev.wasmtck.internal.runtime.SharedPageMemory;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ChicoryPageMemoryTest {
    private static final int PAGE = Memory.PAGE_SIZE;

    @Test
    void untouchedPagesReadAsZerosAndWritesStayInTheirOwnMemory() {
        ChicoryPageMemory a = new ChicoryPageMemory(new MemoryLimits(4, 8));
        ChicoryPageMemory b = new ChicoryPageMemory(new MemoryLimits(4, 8));
        a.writeLong(PAGE + 8, -1L);
        a.write(3 * PAGE - 2, new byte[] {1, 2, 3, 4});
        assertEquals(-1L, a.readLong(PAGE + 8));
        assertEquals(0L, b.readLong(PAGE + 8), "a write to one memory showed in another");
        assertArrayEquals(new byte[4], b.readBytes(3 * PAGE - 2, 4));
        assertEquals(0x04030201, a.readInt(3 * PAGE - 2), "a value across two pages");
        a.fill((byte) 0, 0, 4 * PAGE);
        assertArrayEquals(new byte[4 * PAGE], a.readBytes(0, 4 * PAGE));
        a.writeByte(5, (byte) 9); // the page that fill made shared again is private once written
        assertEquals(0, b.read(5));
    }

    @Test
    void instancesShareTheModulesImageUntilTheyWriteIt() {
        byte[][] image = {SharedPageMemory.ZERO, bytes(PAGE, 7), SharedPageMemory.ZERO};
        byte[] before = image[1].clone();
        ChicoryPageMemory a = initialized(new MemoryLimits(3, 4), image);
        ChicoryPageMemory b = initialized(new MemoryLimits(3, 4), image);
        assertArrayEquals(before, a.readBytes(PAGE, PAGE), "the image's data reads through");
        a.writeLong(PAGE + 16, -1L);
        a.copy(2 * PAGE, PAGE, 100);
        assertEquals(-1L, a.readLong(PAGE + 16));
        assertArrayEquals(before, image[1], "a write to an instance changed the module's image");
        assertArrayEquals(before, b.readBytes(PAGE, PAGE), "a write to one instance showed in another");
        assertArrayEquals(new byte[PAGE], b.readBytes(2 * PAGE, PAGE));
        a.zero();
        assertArrayEquals(new byte[3 * PAGE], a.readBytes(0, 3 * PAGE));
        assertArrayEquals(before, b.readBytes(PAGE, PAGE));
        a.initialize(null, new DataSegment[0]);   // as Chicory instantiates: zeroed, then initialised
        assertArrayEquals(before, a.readBytes(PAGE, PAGE), "initialising installs the image again");
        // An image of another size than the initial memory is not used.
        assertArrayEquals(new byte[PAGE], initialized(new MemoryLimits(2, 4), image).readBytes(PAGE, PAGE));
    }

    /** A memory as Chicory's instance leaves it: built, zeroed and initialised (here without segments of its own). */
    private static ChicoryPageMemory initialized(MemoryLimits limits, byte[][] image) {
        ChicoryPageMemory m = new ChicoryPageMemory(limits, image);
        m.zero();
        m.initialize(null, new DataSegment[0]);
        return m;
    }

    @Test
    void growsUpToItsMaximumAndTrapsOutsideItsSize() {
        ChicoryPageMemory m = new ChicoryPageMemory(new MemoryLimits(1, 3));
        assertThrows(WasmRuntimeException.class, () -> m.readInt(PAGE - 2));
        assertThrows(WasmRuntimeException.class, () -> m.writeByte(PAGE, (byte) 1));
        assertThrows(WasmRuntimeException.class, () -> m.readLong(-8));
        assertEquals(1, m.grow(2));
        assertEquals(3, m.pages());
        m.writeByte(3 * PAGE - 1, (byte) 7);
        assertEquals(-1, m.grow(1));
        assertEquals(-1, m.grow(-1));
        WasmRuntimeException e = assertThrows(WasmRuntimeException.class, () -> m.writeLong(3 * PAGE - 4, 1));
        assertTrue(e.getMessage().startsWith("out of bounds memory access"), e.getMessage());
        assertEquals(0, m.readInt(3 * PAGE - 8), "a write that traps must change nothing");
    }

    /** Random operations on this memory and on Chicory's, which must agree on every result, trap and byte. */
    @Test
    void agreesWithChicorysMemoryOnRandomOperations() {
        for (long seed = 1; seed <= 40; seed++) {
            Random random = new Random(seed);
            MemoryLimits limits = new MemoryLimits(1 + random.nextInt(3), 6);
            // Half the seeds start from an image: some pages of data, shared with nothing else here.
            byte[][] image = null;
            Memory theirs = new ByteArrayMemory(limits);
            if (seed % 2 == 0) {
                image = new byte[limits.initialPages()][];
                for (int p = 0; p < image.length; p++) {
                    image[p] = random.nextBoolean() ? bytes(PAGE, random.nextLong()) : SharedPageMemory.ZERO;
                    theirs.write(p * PAGE, image[p]);
                }
            }
            Memory ours = initialized(limits, image);
            for (int step = 0; step < 3000; step++) {
                int op = random.nextInt(12);
                int size = ours.pages() * PAGE;
                // Mostly near page boundaries and the end, where the two kinds of access part.
                int addr = switch (random.nextInt(4)) {
                    case 0 -> random.nextInt(size + 16) - 8;
                    case 1 -> (random.nextInt(ours.pages() + 1)) * PAGE - random.nextInt(9);
                    case 2 -> size - random.nextInt(16);
                    default -> random.nextInt(size);
                };
                int length = random.nextInt(4) == 0 ? random.nextInt(3 * PAGE) : random.nextInt(40);
                long value = random.nextLong();
                byte fillWith = random.nextBoolean() ? 0 : (byte) value;
                int growBy = random.nextInt(8) == 0 ? 1 : 0;
                String what = "seed " + seed + " step " + step + " op " + op + " at " + addr + " length " + length;
                Function<Memory, Object> action = switch (op) {
                    case 0 -> m -> m.readLong(addr);
                    case 1 -> m -> { m.writeLong(addr, value); return null; };
                    case 2 -> m -> m.readInt(addr);
                    case 3 -> m -> { m.writeI32(addr, (int) value); return null; };
                    case 4 -> m -> m.readShort(addr);
                    case 5 -> m -> { m.writeShort(addr, (short) value); return null; };
                    case 6 -> m -> { m.writeByte(addr, (byte) value); return m.read(addr); };
                    case 7 -> m -> Arrays.hashCode(m.readBytes(addr, length));
                    case 8 -> m -> { m.fill(fillWith, addr, addr + length); return null; };
                    case 9 -> m -> { m.copy(addr, (int) ((value >>> 1) % size), length); return null; };
                    case 10 -> m -> { m.write(addr, bytes(length, value), 0, length); return null; };
                    default -> m -> m.grow(growBy);
                };
                assertEquals(outcome(action, theirs), outcome(action, ours), what);
            }
            assertEquals(theirs.pages(), ours.pages());
            assertArrayEquals(theirs.readBytes(0, theirs.pages() * PAGE), ours.readBytes(0, ours.pages() * PAGE),
                    "seed " + seed);
        }
    }

    private static Object outcome(Function<Memory, Object> action, Memory memory) {
        try {
            return String.valueOf(action.apply(memory));
        } catch (RuntimeException e) {
            return "trap";
        }
    }

    private static byte[] bytes(int length, long seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }
}
