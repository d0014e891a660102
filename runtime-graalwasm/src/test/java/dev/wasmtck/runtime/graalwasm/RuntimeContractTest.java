package dev.wasmtck.runtime.graalwasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wasmtck.host.GuestFault;
import dev.wasmtck.host.GuestFault.Kind;
import dev.wasmtck.runtime.CompiledModule;
import dev.wasmtck.module.FunctionType;
import dev.wasmtck.runtime.GuestInterrupts;
import dev.wasmtck.runtime.GuestThread;
import dev.wasmtck.runtime.HostFunction;
import dev.wasmtck.runtime.LinearMemory;
import dev.wasmtck.module.ValueType;
import dev.wasmtck.runtime.WasmFunction;
import dev.wasmtck.runtime.WasmInstance;
import dev.wasmtck.runtime.WasmInterrupted;
import dev.wasmtck.runtime.WasmRuntime;
import dev.wasmtck.runtime.WasmTrap;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * More of docs/runtime-spi.md as tests, beside the kit's shared WasmRuntimeContract: start sections,
 * per-instance memory caps, deep re-entrancy on a guest thread, interrupts through GuestInterrupts,
 * threads sharing one compiled module. Any binding could extend it; the guest is contract/contract.wat.
 */
abstract class RuntimeContractTest {
    static final ValueType I32 = ValueType.I32;
    static final ValueType I64 = ValueType.I64;
    static final ValueType F32 = ValueType.F32;
    static final ValueType F64 = ValueType.F64;

    /** Thrown by host.fail: must come out of the outermost call as this very object. */
    static final class Marker extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Marker() {
            super("marker");
        }
    }

    protected abstract WasmRuntime runtime();

    private CompiledModule module;
    final List<String> notes = new ArrayList<>();
    Marker marker;

    static byte[] wasm(String name) {
        try (InputStream in = RuntimeContractTest.class.getResourceAsStream("/contract/" + name + ".wasm")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeEach
    void compile() throws GuestFault {
        module = runtime().compile("contract", wasm("contract"));
        marker = new Marker();
    }

    static FunctionType type(List<ValueType> params, List<ValueType> results) {
        return FunctionType.of(params, results);
    }

    List<HostFunction> hostFunctions() {
        List<HostFunction> fs = new ArrayList<>();
        fs.add(new HostFunction("host", "note", type(List.of(I32, I32), List.of()), (inst, args) -> {
            notes.add(new String(inst.memory().read((int) args[0], (int) args[1]), StandardCharsets.UTF_8));
            return null;
        }));
        fs.add(new HostFunction("host", "mix", type(List.of(I32, I64, F32, F64), List.of(F64)), (inst, args) -> {
            double sum = (double) (int) args[0] + (double) args[1] + Float.intBitsToFloat((int) args[2])
                    + Double.longBitsToDouble(args[3]);
            return new long[] {Double.doubleToRawLongBits(sum)};
        }));
        fs.add(new HostFunction("host", "again", type(List.of(I32), List.of(I32)), (inst, args) -> {
            String export = notes.contains("count") ? "count" : "down";
            return inst.function(export).call(args[0] - 1);
        }));
        fs.add(new HostFunction("host", "fail", type(List.of(), List.of()), (inst, args) -> {
            throw marker;
        }));
        fs.add(new HostFunction("host", "pair", type(List.of(I64), List.of(I64, I32)),
                (inst, args) -> new long[] {args[0] * 3, -7}));
        // Offered but not imported: must be ignored.
        fs.add(new HostFunction("host", "unused", type(List.of(), List.of()), (inst, args) -> null));
        return fs;
    }

    WasmInstance instance() throws GuestFault {
        return module.instantiate(hostFunctions(), 8);
    }

    static <T> T onGuestThread(Callable<T> body) throws Exception {
        return GuestThread.call("contract", body);
    }

    @Test
    void idIsStable() {
        assertThat(runtime().id()).matches("[a-z0-9-]+");
    }

    @Test
    void startSectionRunsAtInstantiationAndSeesMemory() throws Exception {
        WasmInstance inst = instance();
        assertThat(notes).containsExactly("started");
        assertThat(inst.function("started").call()).containsExactly(1);
    }

    @Test
    void valuesCrossAsRawLongs() throws Exception {
        WasmInstance inst = instance();
        assertThat(inst.function("add64").call(Long.MAX_VALUE, 1)).containsExactly(Long.MIN_VALUE);
        assertThat(inst.function("add64").call(-5, 2)).containsExactly(-3);
        long r = inst.function("mix").call(-2, 1L << 40, Float.floatToRawIntBits(0.5f),
                Double.doubleToRawLongBits(0.25))[0];
        assertThat(Double.longBitsToDouble(r)).isEqualTo(-2 + (double) (1L << 40) + 0.75);
        long f = inst.function("fma32").call(Float.floatToRawIntBits(1.5f), Float.floatToRawIntBits(2f),
                Float.floatToRawIntBits(-1f))[0];
        assertThat(Float.intBitsToFloat((int) f)).isEqualTo(2f);
        // An i32 result comes back sign-extended.
        assertThat(inst.function("div").call(-6, 2)).containsExactly(-3);
    }

    @Test
    void multipleResultsBothWays() throws Exception {
        WasmInstance inst = instance();
        assertThat(inst.function("divmod").call(17, 5)).containsExactly(3, 2);
        assertThat(inst.function("pair").call(5)).containsExactly(15, -7);
    }

    @Test
    void unknownExportIsNull() throws Exception {
        WasmInstance inst = instance();
        assertThat(inst.function("nope")).isNull();
        assertThat(inst.function("memory")).as("a memory is not a function").isNull();
    }

    @Test
    void trapsBecomeWasmTrap() throws Exception {
        WasmInstance inst = instance();
        assertThatThrownBy(() -> inst.function("unreachable").call()).isInstanceOf(WasmTrap.class)
                .hasMessageContaining("unreachable");
        assertThatThrownBy(() -> inst.function("div").call(1, 0)).isInstanceOf(WasmTrap.class)
                .hasMessageContaining("divide by zero");
        assertThatThrownBy(() -> inst.function("load").call(8 * 65536)).isInstanceOf(WasmTrap.class)
                .hasMessageStartingWith("out of bounds memory access");
        // The instance stays usable after a trap.
        assertThat(inst.function("add64").call(1, 2)).containsExactly(3);
    }

    @Test
    void hostExceptionComesOutAsTheSameObject() throws Exception {
        WasmInstance inst = instance();
        assertThatThrownBy(() -> inst.function("fail").call()).isSameAs(marker);
    }

    @Test
    void hostExceptionThroughNestedCallsIsTheSameObject() throws Exception {
        WasmInstance inst = instance();
        // down(5) -> host.again -> down(4) -> ... -> down(0) -> host.fail throws.
        Throwable t = onGuestThread(() -> {
            try {
                inst.function("down").call(5);
                return null;
            } catch (Throwable e) {
                return e;
            }
        });
        assertThat(t).isSameAs(marker);
    }

    @Test
    void reentrantCallsNestDeeply() throws Exception {
        WasmInstance inst = instance();
        notes.add("count");
        long depth = onGuestThread(() -> inst.function("count").call(2000)[0]);
        assertThat(depth).isEqualTo(2000);
    }

    @Test
    void memoryReadsAndWritesAreLittleEndianAndLive() throws Exception {
        WasmInstance inst = instance();
        LinearMemory mem = inst.memory();
        assertThat(mem.pages()).isEqualTo(1);
        mem.writeI32(100, 0x01020304);
        assertThat(inst.function("load").call(100)).containsExactly(0x01020304);
        assertThat(mem.readByte(100)).isEqualTo((byte) 4);
        inst.function("store").call(200, -2);
        assertThat(mem.readI32(200)).isEqualTo(-2);
        mem.writeI64(300, 0x1122334455667788L);
        assertThat(mem.readI64(300)).isEqualTo(0x1122334455667788L);
        mem.writeF64(400, 1.25);
        assertThat(mem.readF64(400)).isEqualTo(1.25);
        byte[] data = new byte[1000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7);
        }
        mem.write(1001, data);
        assertThat(mem.read(1001, data.length)).isEqualTo(data);
        byte[] part = new byte[10];
        mem.read(1003, part, 5, 5);
        assertThat(part).startsWith(new byte[5]).endsWith(data[2], data[3], data[4], data[5], data[6]);

        // Growth by the guest is visible, and so is growth by the host.
        assertThat(inst.function("grow").call(2)).containsExactly(1);
        assertThat(mem.pages()).isEqualTo(3);
        mem.writeI32(3 * 65536 - 4, 9);
        assertThat(mem.grow(1)).isEqualTo(3);
        assertThat(inst.function("size").call()).containsExactly(4);
        assertThat(mem.size()).isEqualTo(4L * 65536);
    }

    @Test
    void memoryAccessOutsideTraps() throws Exception {
        LinearMemory mem = instance().memory();
        assertThatThrownBy(() -> mem.readI32(65536 - 2)).isInstanceOf(WasmTrap.class)
                .hasMessage("out of bounds memory access");
        assertThatThrownBy(() -> mem.writeByte(-1, (byte) 1)).isInstanceOf(WasmTrap.class);
        assertThatThrownBy(() -> mem.write(65530, new byte[10], 0, 10)).isInstanceOf(WasmTrap.class);
        assertThat(mem.readByte(65530)).as("a refused write changes nothing").isZero();
        assertThatThrownBy(() -> mem.read(65530, 10)).isInstanceOf(WasmTrap.class);
    }

    @Test
    void memoryIsCappedPerInstance() throws Exception {
        WasmInstance capped = module.instantiate(hostFunctions(), 2);
        assertThat(capped.function("grow").call(1)).containsExactly(1);
        assertThat(capped.function("grow").call(1)).containsExactly(-1);
        assertThat(capped.memory().grow(1)).isEqualTo(-1);
        assertThat(capped.memory().pages()).isEqualTo(2);
        // Another instance of the same compiled module gets its own cap: the declared maximum.
        WasmInstance full = module.instantiate(hostFunctions(), 8);
        assertThat(full.function("grow").call(7)).containsExactly(1);
        assertThat(full.function("grow").call(1)).containsExactly(-1);
    }

    @Test
    void memoryWithoutDeclaredMaximumIsCappedToo() throws Exception {
        CompiledModule big = runtime().compile("bigmemory", wasm("bigmemory"));
        WasmInstance inst = big.instantiate(List.of(new HostFunction("host", "note",
                type(List.of(I32, I32), List.of()), (i, a) -> null)), 5);
        assertThat(inst.memory().pages()).isEqualTo(2);
        assertThat(inst.function("grow").call(3)).containsExactly(2);
        assertThat(inst.function("grow").call(1)).containsExactly(-1);
    }

    @Test
    void memoryOfAModuleWithoutImportsKeepsItsData() throws Exception {
        WasmInstance inst = runtime().compile("onlymemory", wasm("onlymemory")).instantiate(List.of(), 2);
        assertThat(inst.function("first").call()).containsExactly(42);
        assertThat(inst.memory().readByte(8)).isEqualTo((byte) 42);
        assertThat(inst.function("grow").call(1)).containsExactly(1);
        assertThat(inst.function("grow").call(1)).containsExactly(-1);
    }

    @Test
    void moduleWithoutMemoryHasNone() throws Exception {
        WasmInstance inst = runtime().compile("nomemory", wasm("nomemory")).instantiate(List.of(), 16);
        assertThat(inst.memory()).isNull();
        assertThat(inst.function("answer").call()).containsExactly(42);
    }

    @Test
    void instancesAreIndependent() throws Exception {
        WasmInstance a = instance();
        WasmInstance b = instance();
        a.function("store").call(64, 11);
        assertThat(b.function("load").call(64)).containsExactly(0);
    }

    @Test
    void invalidModuleIsALinkFault() {
        byte[] bad = {0, 'a', 's', 'm', 1, 0, 0, 0, 1, 5, 1, 0x60};
        assertThatThrownBy(() -> runtime().compile("bad", bad)).isInstanceOf(GuestFault.class)
                .satisfies(e -> assertThat(((GuestFault) e).kind()).isEqualTo(Kind.LINK))
                .hasMessageStartingWith("bad is not a valid WebAssembly module:");
    }

    @Test
    void missingImportIsALinkFaultNamingIt() {
        List<HostFunction> fs = new ArrayList<>(hostFunctions());
        fs.removeIf(f -> f.name().equals("mix"));
        assertThatThrownBy(() -> module.instantiate(fs, 8)).isInstanceOf(GuestFault.class)
                .satisfies(e -> assertThat(((GuestFault) e).kind()).isEqualTo(Kind.LINK))
                .hasMessageContaining("host.mix");
    }

    @Test
    void importOfTheWrongTypeIsALinkFault() {
        List<HostFunction> fs = new ArrayList<>(hostFunctions());
        fs.removeIf(f -> f.name().equals("note"));
        fs.add(0, new HostFunction("host", "note", type(List.of(I32), List.of()), (i, a) -> null));
        assertThatThrownBy(() -> module.instantiate(fs, 8)).isInstanceOf(GuestFault.class)
                .satisfies(e -> assertThat(((GuestFault) e).kind()).isEqualTo(Kind.LINK))
                .hasMessageContaining("host.note");
    }

    @Test
    void interruptStopsASpinningGuest() throws Exception {
        WasmInstance inst = instance();
        AtomicInteger tries = new AtomicInteger();
        long start = System.nanoTime();
        Throwable t = onGuestThread(() -> {
            Thread self = Thread.currentThread();
            var stopper = dev.wasmtck.runtime.SharedScheduler.get().schedule(() -> {
                tries.incrementAndGet();
                GuestInterrupts.interrupt(self);
            }, 200, TimeUnit.MILLISECONDS);
            try {
                inst.function("spin").call();
                return null;
            } catch (Throwable e) {
                return e;
            } finally {
                stopper.cancel(false);
                Thread.interrupted();
            }
        });
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(t).isInstanceOf(WasmInterrupted.class);
        assertThat(tries).hasValue(1);
        assertThat(millis).as("stopped in bounded time").isLessThan(10_000);
        // The same instance still answers afterwards (a later case may reuse nothing, but nothing hangs).
        assertThat(onGuestThread(() -> inst.function("add64").call(2, 3))).containsExactly(5);
    }

    @Test
    void alreadyInterruptedThreadDoesNotEnterTheGuest() throws Exception {
        WasmInstance inst = instance();
        Throwable t = onGuestThread(() -> {
            Thread.currentThread().interrupt();
            try {
                inst.function("spin").call();
                return null;
            } catch (Throwable e) {
                return e;
            } finally {
                Thread.interrupted();
            }
        });
        assertThat(t).isInstanceOf(WasmInterrupted.class);
    }

    @Test
    void compiledModuleIsSharedAcrossThreads() throws Exception {
        List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int n = i;
            Thread th = new Thread(() -> {
                try {
                    WasmInstance inst = module.instantiate(List.copyOf(hostFunctions()), 8);
                    WasmFunction add = inst.function("add64");
                    for (int k = 0; k < 200; k++) {
                        assertThat(add.call(n, k)).containsExactly(n + k);
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join();
        }
        assertThat(errors).isEmpty();
    }
}
