package dev.wasmtck.internal.host.bridge;

import dev.wasmtck.abi.bridge.BridgeSettings;
import dev.wasmtck.abi.bridge.GetBehaviour;
import dev.wasmtck.abi.bridge.Placement;
import static dev.wasmtck.internal.host.bridge.Guests.call;
import static dev.wasmtck.internal.host.bridge.Guests.message;
import static dev.wasmtck.internal.host.bridge.Guests.mode;
import static dev.wasmtck.internal.host.bridge.Guests.msgpack;
import static dev.wasmtck.internal.host.bridge.Guests.prepare;
import static dev.wasmtck.internal.host.bridge.Guests.string;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.runtime.GuestFault.Kind;
import dev.wasmtck.host.Invocation;
import dev.wasmtck.runtime.Limits;
import dev.wasmtck.host.Outcome;
import dev.wasmtck.host.PreparedGuest;
import dev.wasmtck.internal.runtime.chicory.ChicoryRuntime;
import dev.wasmtck.internal.runtime.SharedScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AsyncBridgeHostTest {
    private static final BridgeSettings FIXED = BridgeSettings.DEFAULT.withPlacement(Placement.FIXED_OFFSET);

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    private static GuestFault fault(PreparedGuest guest, Invocation invocation) {
        return assertThrows(GuestFault.class, () -> guest.run(invocation));
    }

    private static void assertFault(GuestFault fault, Kind kind, String... fragments) {
        assertEquals(kind, fault.kind(), () -> "kind of: " + fault.getMessage());
        for (String fragment : fragments) {
            assertTrue(fault.getMessage().contains(fragment),
                    () -> "expected '" + fragment + "' in: " + fault.getMessage());
        }
    }

    @AfterEach
    void nothingLeftScheduled() throws InterruptedException {
        // Watchdogs and delayed answers are cancelled when a run ends, however it ends.
        for (int i = 0; i < 50 && SharedScheduler.pendingTasks() > 0; i++) {
            Thread.sleep(10);
        }
        assertEquals(0, SharedScheduler.pendingTasks(), "tasks left on the shared scheduler");
        assertTrue(!Thread.currentThread().isInterrupted(), "the test thread was left interrupted");
    }

    // ---- happy paths ----

    @ParameterizedTest(name = "compiled={0}")
    @ValueSource(booleans = {true, false})
    void seedFormEchoesThroughTheAllocator(boolean compile) throws GuestFault {
        byte[] input = message("Hello World");
        assertEquals("81a76d657373616765ab48656c6c6f20576f726c64", HexFormat.of().formatHex(input));
        Outcome out = prepare("echo-seed-malloc", compile).run(call(input, BridgeSettings.DEFAULT));
        assertArrayEquals(input, out.output());
    }

    @ParameterizedTest(name = "compiled={0}")
    @ValueSource(booleans = {true, false})
    void seedFormWithoutAllocatorRunsInFixedOffsetMode(boolean compile) throws GuestFault {
        byte[] input = message("Hello World");
        Outcome out = prepare("echo-seed-fixed", compile).run(call(input, FIXED));
        assertArrayEquals(input, out.output());
    }

    @Test
    void resolveAnswersWithTheScriptedPayload() throws GuestFault {
        byte[] answer = msgpack(p -> p.packMapHeader(1).packString("msg").packString("Hello World"));
        BridgeSettings settings = BridgeSettings.every(new GetBehaviour.Resolve(answer, ms(10)), Placement.ALLOCATOR);
        Outcome out = prepare("echo-seed-malloc", true).run(call(message("Hello World"), settings));
        assertArrayEquals(answer, out.output());
    }

    @ParameterizedTest(name = "compiled={0}")
    @ValueSource(booleans = {true, false})
    void handleFormAnswersInCompletionOrder(boolean compile) throws GuestFault {
        BridgeSettings settings = BridgeSettings.script(List.of(
                new GetBehaviour.Echo(ms(300)),
                new GetBehaviour.Echo(ms(10)),
                new GetBehaviour.Echo(ms(150))), Placement.ALLOCATOR);
        Outcome out = prepare("handle-order", compile).run(call(string("go"), settings));
        // array of (handle, answer) pairs in the order the answers arrived: #2, #3, #1
        assertEquals("96020203030101", HexFormat.of().formatHex(out.output()));
    }

    @ParameterizedTest(name = "compiled={0}")
    @ValueSource(booleans = {true, false})
    void callbackMayChainAnotherGet(boolean compile) throws GuestFault {
        byte[] second = string("second");
        BridgeSettings settings = BridgeSettings.script(List.of(
                new GetBehaviour.Echo(Duration.ZERO),
                new GetBehaviour.Resolve(second, ms(20))), Placement.ALLOCATOR);
        Outcome out = prepare("chained", compile).run(call(string("first"), settings));
        assertArrayEquals(second, out.output());
    }

    @Test
    void asyncFunctionsAreFoundThroughServiceLoader() throws GuestFault {
        BridgeSettings settings = BridgeSettings.every(new GetBehaviour.Function("test-wrap", Duration.ZERO),
                Placement.ALLOCATOR);
        Outcome out = prepare("echo-seed-malloc", true).run(call(string("x"), settings));
        assertArrayEquals(msgpack(p -> p.packMapHeader(1).packString("wrapped").packString("x")), out.output());
    }

    @Test
    void wasiOutputIsCaptured() throws GuestFault {
        Outcome out = prepare("wasi", true).run(call(string("hi"), BridgeSettings.DEFAULT));
        assertArrayEquals(string("hi"), out.output());
        assertEquals("hello\n", out.stdout());
        assertEquals("warn\n", out.stderr());
    }

    @Test
    void procExitIsAnExitFault() throws GuestFault {
        GuestFault f = fault(prepare("wasi", true), call(mode(7), BridgeSettings.DEFAULT));
        assertFault(f, Kind.EXIT, "code 3", "call", "guest stderr: warn");
    }

    // ---- preparation and reuse ----

    @Test
    void compilesOncePerModule() throws GuestFault {
        long before = ChicoryRuntime.compilations();
        PreparedGuest guest = prepare("echo-seed-malloc", true);
        assertEquals(before + 1, ChicoryRuntime.compilations());
        for (int i = 0; i < 20; i++) {
            byte[] input = string("run " + i);
            assertArrayEquals(input, guest.run(call(input, BridgeSettings.DEFAULT)).output());
        }
        assertEquals(before + 1, ChicoryRuntime.compilations(), "runs must reuse the compiled machine factory");
        prepare("echo-seed-malloc", false);
        assertEquals(before + 1, ChicoryRuntime.compilations(), "interpreter mode compiles nothing");
    }

    @ParameterizedTest(name = "compiled={0}")
    @ValueSource(booleans = {true, false})
    void aFaultDoesNotAffectTheNextRun(boolean compile) throws GuestFault {
        PreparedGuest guest = prepare("misbehave", compile);
        assertFault(fault(guest, call(mode(9), BridgeSettings.DEFAULT)), Kind.TRAP);
        assertFault(fault(guest, call(mode(7), BridgeSettings.DEFAULT,
                new Limits(ms(200), 1L << 20))), Kind.TIMEOUT);
        byte[] input = mode(0);
        // mode 0 echoes and then returns 0 from callback: a protocol fault, but a well-formed run
        assertFault(fault(guest, call(input, BridgeSettings.DEFAULT)), Kind.PROTOCOL, "no get is outstanding");
        PreparedGuest echo = prepare("echo-seed-malloc", compile);
        assertFault(fault(echo, call(string("x"), BridgeSettings.every(
                new GetBehaviour.Reject("boom", Duration.ZERO), Placement.ALLOCATOR))), Kind.HOST_ERROR);
        assertArrayEquals(string("fine"), echo.run(call(string("fine"), BridgeSettings.DEFAULT)).output());
    }

    @Test
    void preparedGuestsAreSafeToShareAcrossThreads() throws Exception {
        PreparedGuest guest = prepare("handle-order", true);
        BridgeSettings settings = BridgeSettings.script(List.of(
                new GetBehaviour.Echo(ms(60)), new GetBehaviour.Echo(ms(5)), new GetBehaviour.Echo(ms(30))),
                Placement.ALLOCATOR);
        // One run first: on a cold, loaded JVM the first get can take longer than the delays that
        // order the answers, which would test class loading rather than sharing.
        guest.run(call(string("go"), settings));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Outcome>> runs = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                runs.add(pool.submit(() -> guest.run(call(string("go"), settings))));
            }
            for (Future<Outcome> run : runs) {
                assertEquals("96020203030101", HexFormat.of().formatHex(run.get().output()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- misbehaviour ----

    @ParameterizedTest(name = "compiled={0}")
    @ValueSource(booleans = {true, false})
    void trapNamesTheExport(boolean compile) throws GuestFault {
        GuestFault f = fault(prepare("trap", compile), call(string("x"), BridgeSettings.DEFAULT));
        assertFault(f, Kind.TRAP, "trap in call", "unreachable");
    }

    @Test
    void trapInCallback() throws GuestFault {
        GuestFault f = fault(prepare("misbehave", true), call(mode(9), BridgeSettings.DEFAULT));
        assertFault(f, Kind.TRAP, "trap in callback");
    }

    @ParameterizedTest(name = "compiled={0}")
    @ValueSource(booleans = {true, false})
    void getPointerOutsideMemory(boolean compile) throws GuestFault {
        GuestFault f = fault(prepare("misbehave", compile), call(mode(1), BridgeSettings.DEFAULT));
        assertFault(f, Kind.PROTOCOL, "get #1 (ptr=65530, len=16)", "65530..65546", "65536 bytes");
    }

    @Test
    void getBytesMustBeOneMessagePackValue() throws GuestFault {
        GuestFault f = fault(prepare("misbehave", true), call(mode(2), BridgeSettings.DEFAULT));
        assertFault(f, Kind.PROTOCOL, "get #1", "not one MessagePack value");
    }

    @Test
    void resultStructOutsideMemory() throws GuestFault {
        GuestFault f = fault(prepare("misbehave", true), call(mode(3), BridgeSettings.DEFAULT));
        assertFault(f, Kind.PROTOCOL, "callback returned 70000", "{u32 data; u32 len}", "70000..70008");
    }

    @Test
    void resultDataOutsideMemory() throws GuestFault {
        GuestFault f = fault(prepare("misbehave", true), call(mode(4), BridgeSettings.DEFAULT));
        assertFault(f, Kind.PROTOCOL, "data=60000, len=10000", "60000..70000");
    }

    @Test
    void callbackReturningZeroWithNothingOutstanding() throws GuestFault {
        GuestFault f = fault(prepare("misbehave", true), call(mode(5), BridgeSettings.DEFAULT));
        assertFault(f, Kind.PROTOCOL, "callback returned 0", "no get is outstanding");
    }

    @Test
    void entryReturningWithoutGet() throws GuestFault {
        GuestFault f = fault(prepare("misbehave", true), call(mode(6), BridgeSettings.DEFAULT));
        assertFault(f, Kind.PROTOCOL, "call returned without calling get");
    }

    @ParameterizedTest(name = "compiled={0}")
    @ValueSource(booleans = {true, false})
    void infiniteLoopTimesOut(boolean compile) throws GuestFault {
        long start = System.nanoTime();
        GuestFault f = fault(prepare("misbehave", compile), call(mode(7), BridgeSettings.DEFAULT,
                new Limits(Duration.ofSeconds(2), 1L << 20)));
        assertFault(f, Kind.TIMEOUT, "did not complete within 2s", "call");
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos());
    }

    @Test
    void waitingForAnswersTimesOut() throws GuestFault {
        BridgeSettings slow = BridgeSettings.every(new GetBehaviour.Echo(Duration.ofSeconds(30)), Placement.ALLOCATOR);
        GuestFault f = fault(prepare("handle-order", true), call(string("x"), slow,
                new Limits(ms(300), 1L << 20)));
        assertFault(f, Kind.TIMEOUT, "did not complete within 300ms", "get #1, get #2, get #3");
        // the three 30s timers were cancelled, which @AfterEach checks
    }

    @ParameterizedTest(name = "compiled={0}")
    @ValueSource(booleans = {true, false})
    void memoryGrowthStopsAtTheCaseLimit(boolean compile) throws GuestFault {
        GuestFault f = fault(prepare("misbehave", compile), call(mode(8), BridgeSettings.DEFAULT,
                new Limits(Duration.ofSeconds(5), 4 * 65536L)));
        assertFault(f, Kind.MEMORY_LIMIT, "trap in call", "case's limit of 4 pages");
    }

    @Test
    void initialMemoryAboveTheCaseLimit() throws GuestFault {
        GuestFault f = fault(prepare("big-memory", true), call(string("x"), BridgeSettings.DEFAULT,
                new Limits(Duration.ofSeconds(5), 2 * 65536L)));
        assertFault(f, Kind.MEMORY_LIMIT, "initial memory of 3 pages", "limit of 2 pages");
    }

    @Test
    void missingCallbackIsALinkFault() {
        GuestFault f = assertThrows(GuestFault.class, () -> prepare("missing-callback", true));
        assertFault(f, Kind.LINK, "does not export callback", "(i32, i32) -> i32");
    }

    @Test
    void missingEntryIsALinkFault() throws GuestFault {
        GuestFault f = fault(prepare("echo-seed-malloc", true),
                new Invocation(AsyncBridgeAbi.NAME, "handle", string("x"), null, Guests.LIMITS));
        assertFault(f, Kind.LINK, "does not export handle", "(i32, i32) -> ()");
    }

    @Test
    void wrongCallbackSignature() {
        GuestFault f = assertThrows(GuestFault.class, () -> prepare("wrong-callback", true));
        assertFault(f, Kind.LINK, "exports callback as (i32) -> i32", "is (i32, i32) -> i32");
    }

    @Test
    void wrongGetSignature() {
        GuestFault f = assertThrows(GuestFault.class, () -> prepare("wrong-get", true));
        assertFault(f, Kind.LINK, "imports env.get as (i32, i32, i32, i32) -> ()",
                "(i32, i32) -> () (seed form)", "(i32, i32) -> i32 (handle form)",
                "(i32, i32, i32) -> () (out-pointer form)", "(i32) -> () or () -> () (value form)");
    }

    @Test
    void unknownImport() {
        GuestFault f = assertThrows(GuestFault.class, () -> prepare("unknown-import", true));
        assertFault(f, Kind.LINK, "imports env.lookup (i32) -> i32", "provides only env.get");
    }

    @Test
    void notAWasmModule() {
        GuestFault f = assertThrows(GuestFault.class, () -> new AsyncBridgeHost(new ChicoryRuntime(true))
                .prepare(new dev.wasmtck.host.GuestModule("junk.wasm", new byte[] {1, 2, 3})));
        assertFault(f, Kind.LINK, "junk.wasm");
    }

    @Test
    void allocatorPlacementNeedsMalloc() throws GuestFault {
        GuestFault f = fault(prepare("echo-seed-fixed", true), call(string("x"), BridgeSettings.DEFAULT));
        assertFault(f, Kind.LINK, "malloc", "placement: fixed-offset");
    }

    @Test
    void mallocReturningZero() throws GuestFault {
        GuestFault f = fault(prepare("malloc-zero", true), call(string("x"), BridgeSettings.DEFAULT));
        assertFault(f, Kind.PROTOCOL, "malloc(2) returned 0");
    }

    @Test
    void autoPlacementUsesMallocWhenExportedAndTheSeedsOffsetsWhenNot() throws GuestFault {
        BridgeSettings auto = BridgeSettings.DEFAULT.withPlacement(Placement.AUTO);
        assertFault(fault(prepare("malloc-zero", true), call(string("x"), auto)), Kind.PROTOCOL,
                "malloc(2) returned 0");
        assertEquals(List.of(), prepare("malloc-zero", true).notes(call(string("x"), auto)));
        byte[] input = message("Hello World");
        assertArrayEquals(input, prepare("echo-seed-fixed", true).run(call(input, auto)).output());
        assertEquals(List.of("placement auto: the seed's fixed offsets, since echo-seed-fixed.wasm exports no malloc"),
                prepare("echo-seed-fixed", true).notes(call(input, auto)));
        assertEquals(List.of(), prepare("echo-seed-fixed", true).notes(call(input, FIXED)), "chosen by the case");
        // A fault at the seed's offsets says that auto chose them.
        assertFault(fault(prepare("echo-seed-fixed", true), call(string("x".repeat(1100)), auto)), Kind.PROTOCOL,
                "over the module's data segment", "[placement auto: the seed's fixed offsets, since"
                        + " echo-seed-fixed.wasm exports no malloc]");
    }

    @Test
    void outPointerStructIsClearedAndLeftEmptyMeansNotFinished() {
        GuestFault f = fault(assertDoesNotThrow(() -> prepare("out-pointer-unfinished", true)),
                call(string("x"), FIXED));
        assertFault(f, Kind.PROTOCOL, "callback left {0, 0} at its out-pointer (not finished) after the answer to"
                + " get #1, but no get is outstanding");
    }

    @Test
    void fixedOffsetInputOverlappingData() throws GuestFault {
        byte[] big = string("x".repeat(1100));
        GuestFault f = fault(prepare("echo-seed-fixed", true), call(big, FIXED));
        assertFault(f, Kind.PROTOCOL, "the input", "data segment at 1024..1040", "corrupt", "allocator");
    }

    @Test
    void fixedOffsetAnswerOverlappingData() throws GuestFault {
        // the input (603 bytes at 1) fits below 1024, but the echo lands at 604..1207
        byte[] input = string("x".repeat(600));
        GuestFault f = fault(prepare("echo-seed-fixed", true), call(input, FIXED));
        assertFault(f, Kind.PROTOCOL, "the answer to get #1", "604..1207", "1024..1040");
    }

    @Test
    void rejectedGet() throws GuestFault {
        BridgeSettings settings = BridgeSettings.every(new GetBehaviour.Reject("no such key", ms(5)),
                Placement.ALLOCATOR);
        GuestFault f = fault(prepare("echo-seed-malloc", true), call(string("x"), settings));
        assertFault(f, Kind.HOST_ERROR, "get #1 rejected: no such key");
    }

    @Test
    void failingAsyncFunctionIsARejection() throws GuestFault {
        BridgeSettings settings = BridgeSettings.every(new GetBehaviour.Function("test-fail", Duration.ZERO),
                Placement.ALLOCATOR);
        GuestFault f = fault(prepare("echo-seed-malloc", true), call(string("x"), settings));
        assertFault(f, Kind.HOST_ERROR, "get #1 rejected:", "backend unavailable");
    }

    @Test
    void unknownAsyncFunctionListsTheRegisteredOnes() throws GuestFault {
        BridgeSettings settings = BridgeSettings.every(new GetBehaviour.Function("nope", Duration.ZERO),
                Placement.ALLOCATOR);
        GuestFault f = fault(prepare("echo-seed-malloc", true), call(string("x"), settings));
        assertFault(f, Kind.HOST_ERROR, "'nope'", "test-fail, test-wrap");
    }

    @Test
    void moreGetsThanScriptedAnswers() throws GuestFault {
        BridgeSettings settings = BridgeSettings.script(List.of(new GetBehaviour.Echo(Duration.ZERO)),
                Placement.ALLOCATOR);
        GuestFault f = fault(prepare("chained", true), call(string("x"), settings));
        assertFault(f, Kind.PROTOCOL, "the guest called get 2 times but the case scripts 1 answer");
        BridgeSettings two = BridgeSettings.script(List.of(new GetBehaviour.Echo(ms(1)),
                new GetBehaviour.Echo(ms(1))), Placement.ALLOCATOR);
        GuestFault f3 = fault(prepare("handle-order", true), call(string("x"), two));
        assertFault(f3, Kind.PROTOCOL, "the guest called get 3 times but the case scripts 2 answers");
    }
}
