package dev.wasmtck.runtime;

import dev.wasmtck.internal.runtime.SharedScheduler;
import static dev.wasmtck.module.ValueType.F32;
import static dev.wasmtck.module.ValueType.F64;
import static dev.wasmtck.module.ValueType.I32;
import static dev.wasmtck.module.ValueType.I64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.runtime.GuestFault.Kind;
import dev.wasmtck.runtime.Limits;
import dev.wasmtck.module.FunctionType;
import dev.wasmtck.module.ModuleShape;
import dev.wasmtck.module.ValueType;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The contract of docs/runtime-spi.md as tests, run against one binding: extend it and return the
 * runtime. Every binding (Chicory, Endive, GraalWasm) runs it unchanged; the harness ships it as the
 * runtime-contract test-jar. Its guests are wat/runtime-contract*.wat.
 */
public abstract class WasmRuntimeContract {
    private static final FunctionType VOID = FunctionType.of(List.of(), List.of());

    /** The binding under test. */
    protected abstract WasmRuntime runtime();

    /** A host exception of our own, to prove it arrives as the same object. */
    static final class Marker extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Marker() {
            super("marker");
        }
    }

    private final Marker marker = new Marker();
    private final AtomicInteger reentries = new AtomicInteger();
    /** What host.started read from memory while the start function ran; -1 until it is called. */
    private volatile int seenAtStart = -1;

    /** A committed test guest, wat/<name>.wasm (in the test-jar too). */
    public static byte[] fixture(String name) {
        try (InputStream in = WasmRuntimeContract.class.getResourceAsStream("/wat/" + name + ".wasm")) {
            if (in == null) {
                throw new IllegalStateException("missing fixture wat/" + name + ".wasm (run ci/wat-fixtures.sh)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private CompiledModule compile() throws GuestFault {
        return compile("runtime-contract");
    }

    private CompiledModule compile(String fixture) throws GuestFault {
        return runtime().compile(fixture, fixture(fixture));
    }

    private static <T> T onGuestThread(Callable<T> body) throws Exception {
        return GuestThread.call("runtime-contract", body);
    }

    /**
     * Runs {@code before}, then the guest's endless loop, on a guest thread; returns what the call
     * threw (null if it returned). The thread's interrupt flag is cleared afterwards.
     */
    private static Throwable spinOnGuestThread(WasmInstance inst, Runnable before) throws Exception {
        return onGuestThread(() -> {
            before.run();
            try {
                inst.function("spin").call();
                return null;
            } catch (Throwable e) {
                return e;
            } finally {
                Thread.interrupted();
            }
        });
    }

    private List<HostFunction> host() {
        List<HostFunction> functions = new ArrayList<>();
        functions.add(new HostFunction("host", "throw", VOID, (inst, args) -> {
            throw marker;
        }));
        functions.add(new HostFunction("host", "reenter", FunctionType.of(List.of(I32), List.of(I32)), (inst, args) -> {
            reentries.incrementAndGet();
            int n = (int) args[0];
            if (n == 0) {
                return new long[] {100};
            }
            if (n < 0) {
                inst.function("throws").call();
            }
            return new long[] {inst.function("nested").call(n - 1)[0] + 1};
        }));
        functions.add(new HostFunction("host", "mix", FunctionType.of(List.of(I64, F32, F64), List.of(F64)),
                (inst, args) -> new long[] {Double.doubleToRawLongBits(
                        args[0] + Float.intBitsToFloat((int) args[1]) + Double.longBitsToDouble(args[2]))}));
        functions.add(new HostFunction("host", "started", VOID, (inst, args) -> {
            seenAtStart = inst.memory().readI32(0);
            return null;
        }));
        functions.add(new HostFunction("host", "split", FunctionType.of(List.of(I64), List.of(I64, I32)),
                (inst, args) -> new long[] {args[0] * 3, -7}));
        // Offered but not imported: must be ignored.
        functions.add(new HostFunction("host", "unused", VOID, (inst, args) -> null));
        return functions;
    }

    /** An instance of the main guest, capped at its declared maximum (4 pages). */
    protected WasmInstance instance() throws GuestFault {
        return compile().instantiate(host(), 4);
    }

    @Test
    void idIsStable() {
        assertNotNull(runtime().id());
        assertEquals(runtime().id(), runtime().id());
        assertTrue(runtime().id().matches("[a-z0-9-]+"), runtime().id());
    }

    @Test
    void shapeDescribesTheModule() throws GuestFault {
        ModuleShape shape = compile().shape();
        assertEquals(5, shape.functionImports().size());
        assertEquals(FunctionType.of(List.of(I32, I32), List.of(I32)), shape.exportedFunction("add").orElseThrow());
        assertEquals(new ModuleShape.MemoryLimits(1, 4), shape.definedMemory().orElseThrow());
    }

    @Test
    void invalidModulesAreLinkFaults() {
        GuestFault f = assertThrows(GuestFault.class, () -> runtime().compile("junk.wasm", new byte[] {0, 'a', 's', 'm', 9}));
        assertEquals(Kind.LINK, f.kind());
        assertTrue(f.getMessage().startsWith("junk.wasm is not a valid WebAssembly module"), f.getMessage());
        byte[] truncated = {0, 'a', 's', 'm', 1, 0, 0, 0, 1, 5, 1, 0x60};
        GuestFault t = assertThrows(GuestFault.class, () -> runtime().compile("bad", truncated));
        assertEquals(Kind.LINK, t.kind());
        assertTrue(t.getMessage().startsWith("bad is not a valid WebAssembly module:"), t.getMessage());
    }

    @Test
    void aFileThatIsNoModuleIsRefusedWithoutQuotingIt() {
        byte[] passwd = "root:x:0:0:root:/root:/bin/bash\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        GuestFault f = assertThrows(GuestFault.class, () -> runtime().compile("passwd", passwd));
        assertEquals(Kind.LINK, f.kind());
        assertEquals("passwd is not a valid WebAssembly module: no wasm magic number (\\0asm) at the start", f.getMessage());
    }

    @Test
    void startSectionRunsButStartExportDoesNot() throws GuestFault {
        LinearMemory m = instance().memory();
        assertEquals(42, m.readI32(0), "the start section ran");
        assertEquals(0, m.readI32(4), "_start did not run");
        assertEquals(42, seenAtStart, "a host function called by the start section sees its memory");
    }

    @Test
    void valuesOfEveryTypeRoundTrip() throws GuestFault {
        WasmInstance inst = instance();
        assertEquals(-3, (int) inst.function("add").call(-1, -2)[0]);
        assertEquals(-3L, inst.function("add").call(-1, -2)[0], "an i32 result comes back sign-extended");
        assertEquals(1L << 40, inst.function("add64").call(1L << 39, 1L << 39)[0]);
        assertEquals(Long.MIN_VALUE, inst.function("add64").call(Long.MAX_VALUE, 1)[0], "i64 wraps");
        assertEquals(7.5f, Float.intBitsToFloat((int) inst.function("mul32").call(
                Float.floatToRawIntBits(2.5f), Float.floatToRawIntBits(3f))[0]));
        assertEquals(0.75, Double.longBitsToDouble(inst.function("mul64").call(
                Double.doubleToRawLongBits(1.5), Double.doubleToRawLongBits(0.5))[0]));
        assertArrayEquals(new long[] {-5, -5}, new long[] {(int) inst.function("pair").call(-5)[0],
                inst.function("pair").call(-5)[1]});
        assertEquals(6.0, Double.longBitsToDouble(inst.function("mix").call(1, Float.floatToRawIntBits(2f),
                Double.doubleToRawLongBits(3.0))[0]));
        assertArrayEquals(new long[] {15, -7}, inst.function("split").call(5), "two results from the host");
        assertEquals(0, inst.function("_start").call().length, "no results is an empty array");
    }

    @Test
    void missingExportsAreNull() throws GuestFault {
        WasmInstance inst = instance();
        assertNull(inst.function("nope"));
        assertNull(inst.function("memory"), "a memory export is not a function");
        assertNull(inst.function("a-global"));
    }

    @Test
    void trapsAreWasmTraps() throws GuestFault {
        WasmInstance inst = instance();
        WasmTrap unreachable = assertThrows(WasmTrap.class, () -> inst.function("unreachable").call());
        assertTrue(unreachable.getMessage().contains("unreachable"), unreachable.getMessage());
        WasmTrap oob = assertThrows(WasmTrap.class, () -> inst.function("oob").call());
        assertTrue(oob.getMessage().startsWith("out of bounds memory access"), oob.getMessage());
        WasmTrap div = assertThrows(WasmTrap.class, () -> inst.function("div").call(0));
        assertTrue(div.getMessage().contains("divide by zero"), div.getMessage());
        assertEquals(1, (int) inst.function("div").call(1)[0], "the instance survives a trap");
    }

    @Test
    void exhaustedStackIsATrapOrStackOverflow() throws GuestFault {
        WasmInstance inst = instance();
        Throwable t = assertThrows(Throwable.class, () -> inst.function("recurse").call());
        assertTrue(t instanceof WasmTrap || t instanceof StackOverflowError, t.toString());
    }

    @Test
    void hostExceptionsArriveUnchanged() throws GuestFault {
        WasmInstance inst = instance();
        assertSame(marker, assertThrows(Marker.class, () -> inst.function("throws").call()));
        // through three guest frames and two nested calls
        assertSame(marker, assertThrows(Marker.class, () -> inst.function("nested").call(-1)));
    }

    @Test
    void hostFunctionsMayReenter() throws GuestFault {
        WasmInstance inst = instance();
        assertEquals(105, (int) inst.function("nested").call(5)[0]);
        assertEquals(6, reentries.get());
    }

    @Test
    void reentrantCallsNestDeeplyOnAGuestThread() throws Exception {
        WasmInstance inst = instance();
        assertEquals(2100, (int) onGuestThread(() -> inst.function("nested").call(2000))[0]);
        assertEquals(2001, reentries.get());
    }

    @Test
    void interruptStopsASpinningGuest() throws Exception {
        WasmInstance inst = instance();
        WasmFunction spin = inst.function("spin");
        Throwable[] thrown = new Throwable[1];
        Thread t = new Thread(() -> {
            try {
                spin.call();
            } catch (Throwable e) {
                thrown[0] = e;
            }
        });
        t.start();
        Thread.sleep(100);
        GuestInterrupts.interrupt(t);
        t.join(10_000);
        assertTrue(!t.isAlive(), "the guest did not stop within 10s of the interrupt");
        assertTrue(thrown[0] instanceof WasmInterrupted, String.valueOf(thrown[0]));
        assertEquals(5, inst.function("add64").call(2, 3)[0], "the instance still answers afterwards");
    }

    @Test
    void interruptFromTheSharedSchedulerStopsAGuestThread() throws Exception {
        WasmInstance inst = instance();
        AtomicInteger tries = new AtomicInteger();
        long start = System.nanoTime();
        Throwable thrown = spinOnGuestThread(inst, () -> {
            Thread self = Thread.currentThread();
            SharedScheduler.get().schedule(() -> {
                tries.incrementAndGet();
                GuestInterrupts.interrupt(self);
            }, 200, TimeUnit.MILLISECONDS);
        });
        assertTrue(thrown instanceof WasmInterrupted, String.valueOf(thrown));
        assertEquals(1, tries.get(), "one interrupt is enough");
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10), "stopped in bounded time");
    }

    @Test
    void anInterruptedThreadDoesNotEnterTheGuest() throws Exception {
        Throwable thrown = spinOnGuestThread(instance(), () -> Thread.currentThread().interrupt());
        assertTrue(thrown instanceof WasmInterrupted, String.valueOf(thrown));
    }

    @Test
    void memoryIsCappedAndGrowthRefusedBeyond() throws GuestFault {
        CompiledModule module = compile();
        WasmInstance inst = module.instantiate(host(), 2);
        assertEquals(1, inst.function("grow").call(1)[0]);
        assertEquals(-1, (int) inst.function("grow").call(1)[0], "beyond the cap");
        assertEquals(2, inst.memory().pages());
        assertEquals(-1, inst.memory().grow(1));
        WasmInstance other = module.instantiate(host(), new Limits(Duration.ofSeconds(1), 3L << 16));
        assertEquals(1, other.memory().grow(2));
        assertEquals(3, other.memory().pages());
        WasmInstance above = module.instantiate(host(), new Limits(Duration.ofSeconds(1), 8L << 16));
        assertEquals(1, above.function("grow").call(3)[0]);
        assertEquals(-1, (int) above.function("grow").call(1)[0], "a cap above the declared maximum does not lift it");
    }

    @Test
    void memoryWithoutDeclaredMaximumIsCappedToo() throws GuestFault {
        WasmInstance inst = compile("runtime-contract-nomax").instantiate(
                List.of(new HostFunction("host", "note", FunctionType.of(List.of(I32, I32), List.of()), (i, a) -> null)), 5);
        assertEquals(2, inst.memory().pages());
        assertEquals(2, inst.function("grow").call(3)[0]);
        assertEquals(-1, (int) inst.function("grow").call(1)[0], "beyond the cap");
    }

    @Test
    void memoryOfAModuleWithoutImportsKeepsItsData() throws GuestFault {
        WasmInstance inst = compile("runtime-contract-noimports").instantiate(List.of(), 2);
        assertEquals(42, inst.function("first").call()[0]);
        assertEquals(42, inst.memory().readByte(8));
        assertEquals(1, inst.function("grow").call(1)[0]);
        assertEquals(-1, (int) inst.function("grow").call(1)[0], "beyond the cap");
    }

    @Test
    void aModuleWithoutMemoryHasNone() throws GuestFault {
        WasmInstance inst = compile("runtime-contract-nomemory").instantiate(List.of(), 16);
        assertNull(inst.memory());
        assertEquals(42, inst.function("answer").call()[0]);
    }

    @Test
    void memoryAccessIsLittleEndianLiveAndBounded() throws GuestFault {
        WasmInstance inst = instance();
        LinearMemory m = inst.memory();
        m.writeI32(100, 0x01020304);
        assertEquals(4, m.readByte(100));
        assertEquals(0x01020304, (int) inst.function("load").call(100)[0]);
        m.writeI64(200, -2L);
        assertEquals(-2L, m.readI64(200));
        m.writeF64(208, 1.25);
        assertEquals(1.25, m.readF64(208));
        m.write(300, new byte[] {9, 8, 7, 6}, 1, 2);
        assertArrayEquals(new byte[] {8, 7}, m.read(300, 2));
        byte[] dst = new byte[4];
        m.read(300, dst, 2, 2);
        assertArrayEquals(new byte[] {0, 0, 8, 7}, dst);
        byte[] data = new byte[1000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7);
        }
        m.write(1001, data);
        assertArrayEquals(data, m.read(1001, data.length), "an unaligned block round-trips");
        inst.function("store").call(400, -2);
        assertEquals(-2, m.readI32(400), "the host sees the guest's stores");
        inst.function("grow").call(1);
        assertEquals(2, m.pages(), "the view sees growth");
        m.writeI32(65536 + 8, 5);
        assertEquals(5, m.readI32(65536 + 8));
        assertEquals(2, m.grow(1), "growth by the host answers the old size");
        assertEquals(3, inst.function("size").call()[0], "the guest sees growth by the host");
        assertEquals(3L * 65536, m.size());
    }

    @Test
    void memoryAccessOutsideTrapsAndChangesNothing() throws GuestFault {
        LinearMemory m = instance().memory();
        String message = assertThrows(WasmTrap.class, () -> m.readI32(65534)).getMessage();
        assertTrue(message.startsWith("out of bounds memory access"), message);
        assertThrows(WasmTrap.class, () -> m.read(-1, 4));
        assertThrows(WasmTrap.class, () -> m.writeByte(-1, (byte) 1));
        assertThrows(WasmTrap.class, () -> m.write(65530, new byte[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, 0, 10));
        assertEquals(0, m.readByte(65530), "a refused write changes nothing");
        assertThrows(WasmTrap.class, () -> m.read(65530, 10));
    }

    @Test
    void importsMustMatch() throws GuestFault {
        CompiledModule module = compile();
        List<HostFunction> missing = new ArrayList<>(host());
        missing.removeIf(f -> f.name().equals("mix"));
        GuestFault f = assertThrows(GuestFault.class, () -> module.instantiate(missing, 4));
        assertEquals(Kind.LINK, f.kind());
        assertTrue(f.getMessage().contains("host.mix"), f.getMessage());
        List<HostFunction> wrong = new ArrayList<>(host());
        wrong.replaceAll(h -> h.name().equals("mix") ? new HostFunction("host", "mix", VOID, h.implementation()) : h);
        GuestFault w = assertThrows(GuestFault.class, () -> module.instantiate(wrong, 4));
        assertEquals(Kind.LINK, w.kind());
        assertTrue(w.getMessage().contains("host.mix"), w.getMessage());
    }

    @Test
    void instancesAreIndependent() throws GuestFault {
        CompiledModule module = compile();
        WasmInstance a = module.instantiate(host(), 4);
        WasmInstance b = module.instantiate(host(), 4);
        a.memory().writeI32(8, 1);
        assertEquals(0, b.memory().readI32(8));
    }

    @Test
    void aCompiledModuleIsSharedAcrossThreads() throws Exception {
        CompiledModule module = compile();
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int n = i;
            Thread thread = new Thread(() -> {
                try {
                    WasmFunction add = module.instantiate(host(), 4).function("add64");
                    for (int k = 0; k < 200; k++) {
                        assertEquals(n + k, add.call(n, k)[0]);
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(List.of(), errors);
    }
}
