package dev.wasmtck.runtime;

import dev.wasmtck.internal.runtime.GuestMemory;
import dev.wasmtck.internal.runtime.SharedScheduler;
import dev.wasmtck.internal.runtime.Watchdog;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.runtime.GuestFault.Kind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RuntimeTest {

    @Test
    void watchdogInterruptsAndCleansUp() throws InterruptedException {
        try (Watchdog dog = Watchdog.start(Duration.ofMillis(50))) {
            assertThrows(InterruptedException.class, () -> Thread.sleep(5000));
            assertTrue(dog.fired());
            assertEquals("did not complete within 50ms", dog.timeoutMessage());
        }
        assertFalse(Thread.currentThread().isInterrupted());
        assertEquals(0, SharedScheduler.pendingTasks());
    }

    @Test
    void watchdogClosedInTimeNeverFires() throws InterruptedException {
        try (Watchdog dog = Watchdog.start(Duration.ofSeconds(30))) {
            assertFalse(dog.fired());
            assertTrue(dog.remainingNanos() > 0);
        }
        assertEquals(0, SharedScheduler.pendingTasks(), "the timer is removed on close");
        Thread.sleep(10);
        assertFalse(Thread.currentThread().isInterrupted());
        for (int i = 0; i < 500 && Watchdog.watched() > 0; i++) {
            Thread.sleep(10); // the checker drops it at its next look, a tick later on a machine that is not loaded
        }
        assertEquals(0, Watchdog.watched(), "the checker dropped the closed watchdog");
    }

    @Test
    void durationsReadWell() {
        assertEquals("2s", Watchdog.format(Duration.ofSeconds(2)));
        assertEquals("250ms", Watchdog.format(Duration.ofMillis(250)));
        assertEquals("1.5s", Watchdog.format(Duration.ofMillis(1500)));
        assertEquals("2m", Watchdog.format(Duration.ofMinutes(2)));
    }

    @Test
    void memoryAccessIsBounded() throws GuestFault {
        GuestMemory memory = new GuestMemory(ArrayMemory.pages(1));
        memory.write(100, new byte[] {1, 2, 3}, "test");
        assertArrayEquals(new byte[] {1, 2, 3}, memory.read(100, 3, "test"));
        assertEquals(0x030201L, memory.readU32(100, "test"));
        GuestFault f = assertThrows(GuestFault.class, () -> memory.read(65535, 2, "get #4"));
        assertEquals(Kind.PROTOCOL, f.kind());
        assertTrue(f.getMessage().startsWith("get #4: bytes 65535..65537"), f.getMessage());
        assertTrue(f.getMessage().contains("65536 bytes (1 page)"), f.getMessage());
        // negative i32s are large unsigned pointers, not negative offsets
        GuestFault neg = assertThrows(GuestFault.class, () -> memory.read(-8, 4, "x"));
        assertTrue(neg.getMessage().contains("4294967288"), neg.getMessage());
        assertThrows(GuestFault.class, () -> memory.read(0, -1, "x"));
    }
}
