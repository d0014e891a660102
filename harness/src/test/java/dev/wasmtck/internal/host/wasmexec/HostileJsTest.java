package dev.wasmtck.internal.host.wasmexec;

import dev.wasmtck.abi.wasmexec.WasmExecSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.runtime.GuestFault.Kind;
import dev.wasmtck.host.GuestModule;
import dev.wasmtck.host.Invocation;
import dev.wasmtck.runtime.Limits;
import dev.wasmtck.host.Outcome;
import dev.wasmtck.host.PreparedGuest;
import dev.wasmtck.internal.runtime.HostFunctionFault;
import dev.wasmtck.abi.wasmexec.AfterExit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mozilla.javascript.Context;

/**
 * JavaScript bombs in a Go guest's JS world: memory, stack and time. The JS runs as the case's
 * {@code js:} snippet, or from inside the guest's own {@code syscall/js} call (the snippet replaces
 * {@code Math.max}, which wat/tinygo-mini.wat calls in mode 0), as a guest's {@code eval} would.
 */
class HostileJsTest {
    private static final Limits LIMITS = new Limits(Duration.ofSeconds(3), 64L << 20);
    /** A smaller limit for the bounds that count objects and strings: a bomb trips them sooner. */
    private static final Limits SMALL = new Limits(Duration.ofSeconds(30), 16L << 20);
    static PreparedGuest guest;

    @BeforeAll
    static void prepare() throws Exception {
        byte[] wasm = Files.readAllBytes(Path.of("src/test/resources/wat/tinygo-mini.wasm"));
        guest = new WasmExecHost(new dev.wasmtck.internal.runtime.chicory.ChicoryRuntime(true))
                .prepare(new GuestModule("tinygo-mini", wasm));
    }

    /** Mode 2 of the guest: register a function and stay alive, touching nothing else. */
    private static Outcome run(String js, String... observe) throws GuestFault {
        return run(2, js, observe);
    }

    private static Outcome run(long mode, String js, String... observe) throws GuestFault {
        return run(mode, LIMITS, js, observe);
    }

    private static Outcome run(long mode, Limits limits, String js, String... observe) throws GuestFault {
        WasmExecSettings s = new WasmExecSettings(List.of(), Map.of(), Map.of("mode", JsValues.pack(mode)), js, null,
                List.of(), null,
                AfterExit.REFUSE, "js");
        return guest.run(new Invocation("wasm-exec", "", new byte[0], s, limits, List.of(observe)));
    }

    /** Runs {@code body} as Math.max, called by the guest through syscall/js.valueCall. */
    private static Outcome fromGuest(String body, String... observe) throws GuestFault {
        // Mode 0 runs its value checks only when a global `data` exists; Math.max is the first thing they call.
        return run(0, "globalThis.data = new Uint8Array(1); Math.max = function () { " + body + " };", observe);
    }

    private static GuestFault fails(String js) {
        long start = System.nanoTime();
        GuestFault f = assertThrows(GuestFault.class, () -> run(js));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("stopped near the limit of 3s")
                .isLessThan(Duration.ofSeconds(8));
        return f;
    }

    @Test
    void oneHugeTypedArrayIsRefusedBeforeItIsAllocated() {
        GuestFault f = fails("new Uint8Array(2e9);");
        assertThat(f.kind()).isEqualTo(Kind.MEMORY_LIMIT);
        assertThat(f.getMessage()).contains("new Uint8Array of 2000000000 bytes", "memory limit of 64 MiB");
    }

    @Test
    void buffersKeptInALoopStopAtTheCaseLimitEvenFromInsideTheGuest() {
        GuestFault f = assertThrows(GuestFault.class,
                () -> fromGuest("var keep = []; while (true) keep.push(new ArrayBuffer(16 << 20));"));
        assertThat(f.kind()).isEqualTo(Kind.MEMORY_LIMIT);
        assertThat(f.getMessage()).contains("new ArrayBuffer of 16777216 bytes");
    }

    @Test
    void buffersDroppedInALoopAreReleasedAndTheRunCompletes() throws Exception {
        // 640 MiB allocated and dropped under a 64 MiB limit; time is not what this checks, so it gets plenty.
        Outcome out = run(2, new Limits(Duration.ofSeconds(30), 64L << 20),
                "var n = 0; for (var i = 0; i < 40; i++) { var b = new Float64Array(2 << 20); n += b.length; }"
                + " globalThis.total = n;", "total");
        assertThat(JsValues.unpack(out.globals().get("total"))).isEqualTo(40L * (2 << 20));
    }

    @Test
    void boundedConstructorsStillBehaveAsTheOriginals() throws Exception {
        Outcome out = run("var a = new Uint8Array([1, 2, 3]); var c = Uint8Array.from([4, 5]);"
                + " globalThis.r = [a instanceof Uint8Array, a.constructor === Uint8Array, c.length,"
                + " Uint8Array.BYTES_PER_ELEMENT, new Uint16Array(new ArrayBuffer(8)).length, a.slice(1).length,"
                + " 'ab'.repeat(2), 'x'.padStart(3, '-')];", "r");
        assertThat(JsValues.unpack(out.globals().get("r")))
                .isEqualTo(List.of(true, true, 2L, 1L, 4L, 2L, "abab", "--x"));
    }

    @Test
    void aHugeRepeatIsRefused() {
        GuestFault f = fails("'abcd'.repeat(1 << 29);");
        assertThat(f.kind()).isEqualTo(Kind.MEMORY_LIMIT);
        assertThat(f.getMessage()).contains("String.prototype.repeat");
    }

    @Test
    void infiniteRecursionIsAnErrorNotAFullHeap() {
        GuestFault f = fails("function f(n) { return f(n + 1) + 1; } f(0);");
        assertThat(f.kind()).isEqualTo(Kind.TRAP);
        assertThat(f.getMessage()).contains("JavaScript recursion too deep: more than 10000 nested calls");
    }

    @Test
    void recursionThroughBuiltInsEndsTheCase() {
        GuestFault f = fails("function f() { [0].forEach(f); } f();");
        assertThat(f.kind()).isEqualTo(Kind.TRAP);
        assertThat(f.getMessage()).contains("JavaScript recursion too deep");
    }

    @Test
    void exceptionsThrownThroughManyFramesDoNotCountAsDepth() throws Exception {
        Outcome out = run("function g(n) { if (n === 0) throw new Error('x'); return g(n - 1); } var caught = 0;"
                + " for (var i = 0; i < 20000; i++) { try { g(5); } catch (e) { caught++; } }"
                + " [1, 2].forEach(function () { try { g(3); } catch (e) { caught++; } }); globalThis.caught = caught;",
                "caught");
        assertThat(JsValues.unpack(out.globals().get("caught"))).isEqualTo(20002L);
    }

    @Test
    void aLoopInJsStopsAtTheTimeLimit() {
        GuestFault f = fails("while (true) {}");
        assertThat(f.kind()).isEqualTo(Kind.TIMEOUT);
        GuestFault fromGuest = assertThrows(GuestFault.class, () -> fromGuest("for (;;) {}"));
        assertThat(fromGuest.kind()).isEqualTo(Kind.TIMEOUT);
    }

    @Test
    void aControlRunAfterTheBombsPasses() throws Exception {
        assertThrows(GuestFault.class, () -> run("new ArrayBuffer(1e9);"));
        Outcome out = run("globalThis.ok = new Uint8Array(1024).length;", "ok");
        assertThat(JsValues.unpack(out.globals().get("ok"))).isEqualTo(1024L);
    }

    /** Runs {@code js} under the 16 MiB limit and expects it to end the case as {@code memory-limit}. */
    private static String memoryLimitOf(String js) {
        GuestFault f = assertThrows(GuestFault.class, () -> run(2, SMALL, js));
        assertThat(f.kind()).isEqualTo(Kind.MEMORY_LIMIT);
        assertThat(f.getMessage()).contains("memory limit of 16 MiB");
        return f.getMessage();
    }

    @Test
    void stringsBuiltByConcatenationStopAtTheCaseLimit() {
        assertThat(memoryLimitOf("var s = ''; for (var i = 0; ; i++) s += 'line ' + i + ' of a log\\n';"))
                .contains("characters of strings");
    }

    @Test
    void propertiesOfPlainObjectsStopAtTheCaseLimit() {
        assertThat(memoryLimitOf("var o = {}; for (var i = 0; ; i++) o['k' + i] = i;"))
                .contains("properties (about 32 bytes each)");
    }

    @Test
    void valuesHeldOnlyByARunningFunctionAreCountedToo() {
        assertThat(memoryLimitOf("(function () { var o = {}; var s = ''; for (var i = 0; ; i++) { o['k' + i] = i;"
                + " s += i; } })();")).contains("properties", "characters of strings");
    }

    @Test
    void mapEntriesStopAtTheCaseLimit() {
        assertThat(memoryLimitOf("var m = new Map(); for (var i = 0; ; i++) m.set(i, i);"))
                .contains("Map and Set entries (about " + JsWorldSize.BYTES_PER_ENTRY + " bytes each)");
    }

    @Test
    void setEntriesStopAtTheCaseLimit() {
        assertThat(memoryLimitOf("var s = new Set(); for (var i = 0; ; i++) s.add(i);"))
                .contains("Map and Set entries");
    }

    @Test
    void aStringDoubledInALoopStopsBeforeItIsLarge() {
        // Each doubling is read (charAt flattens it), so each allocates twice the last: a walk only every
        // eighth of the limit's allocation would come one doubling late at best, the instruction count far later.
        String message = memoryLimitOf("var s = 'abcdefgh'; for (;;) { s += s; s.charAt(0); }");
        assertThat(message).contains("characters of strings");
        long longest = Long.parseLong(message.replaceAll("(?s).*the longest has (\\d+).*", "$1"));
        assertThat(longest).as("the string when it was stopped, in characters").isLessThanOrEqualTo(64L << 20);
    }

    @Test
    void ordinaryMapsSetsAndDoubledStringsAreNotStopped() throws Exception {
        Outcome out = run(2, SMALL, "var m = new Map(); var set = new Set(); for (var i = 0; i < 20000; i++) {"
                + " m.set('k' + i, i); set.add(i % 5000); } var s = 'ab'; for (var j = 0; j < 19; j++) { s += s;"
                + " s.charAt(0); } globalThis.r = [m.size, set.size, s.length];", "r");
        assertThat(JsValues.unpack(out.globals().get("r"))).isEqualTo(List.of(20000L, 5000L, 1L << 20));
    }

    @Test
    void liveReferencesStopAtTheCaseLimitAndReleasedOnesDoNotCount() {
        Context cx = JsEngine.open();
        try {
            JsWorld world = new JsWorld(cx, new EventLoop(), (fd, b, o, l) -> {}, new Random(1));
            JsBounds.install(world, 1 << 20);
            RefTable refs = new RefTable(world.global(), cx.newObject(world.global()), world.bounds());
            for (int i = 0; i < 100_000; i++) {
                refs.finalizeRef((int) refs.store(cx.newObject(world.global())));
            }
            HostFunctionFault f = assertThrows(HostFunctionFault.class, () -> {
                for (int i = 0; i < 1_000_000; i++) {
                    refs.store(cx.newObject(world.global()));
                }
            });
            assertThat(f.fault().kind()).isEqualTo(Kind.MEMORY_LIMIT);
            assertThat(f.fault().getMessage()).contains("Go holds " + ((1 << 20) / JsBounds.BYTES_PER_REFERENCE + 1)
                    + " live JS references", "memory limit of 1 MiB");
        } finally {
            Context.exit();
        }
    }

    @Test
    void aProgramOfOrdinarySizeIsNotStoppedByTheseBounds() throws Exception {
        Outcome out = run(2, SMALL, "var o = {}; var s = ''; for (var i = 0; i < 20000; i++) { o['k' + i] = i;"
                + " s += 'line ' + i + '\\n'; } var junk = 0; for (var j = 0; j < 100; j++) { var t = {};"
                + " for (var k = 0; k < 500; k++) t['p' + k] = 'v' + k + j; junk += Object.keys(t).length; }"
                + " globalThis.r = [Object.keys(o).length, s.length > 150000, junk];", "r");
        assertThat(JsValues.unpack(out.globals().get("r"))).isEqualTo(List.of(20000L, true, 50000L));
    }
}
