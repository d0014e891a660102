package dev.wasmtck.host.wasmexec;

import dev.wasmtck.abi.wasmexec.WasmExecSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wasmtck.host.GuestFault;
import dev.wasmtck.host.GuestFault.Kind;
import dev.wasmtck.host.GuestModule;
import dev.wasmtck.host.Invocation;
import dev.wasmtck.host.Limits;
import dev.wasmtck.host.Outcome;
import dev.wasmtck.host.PreparedGuest;
import dev.wasmtck.abi.wasmexec.AfterExit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * JavaScript bombs in a Go guest's JS world: memory, stack and time. The JS runs as the case's
 * {@code js:} snippet, or from inside the guest's own {@code syscall/js} call (the snippet replaces
 * {@code Math.max}, which wat/tinygo-mini.wat calls in mode 0), as a guest's {@code eval} would.
 */
class HostileJsTest {
    private static final Limits LIMITS = new Limits(Duration.ofSeconds(3), 64L << 20);
    static PreparedGuest guest;

    @BeforeAll
    static void prepare() throws Exception {
        byte[] wasm = Files.readAllBytes(Path.of("src/test/resources/wat/tinygo-mini.wasm"));
        guest = new WasmExecHost(new dev.wasmtck.runtime.chicory.ChicoryRuntime(true))
                .prepare(new GuestModule("tinygo-mini", wasm));
    }

    /** Mode 2 of the guest: register a function and stay alive, touching nothing else. */
    private static Outcome run(String js, String... observe) throws GuestFault {
        return run(2, js, observe);
    }

    private static Outcome run(long mode, String js, String... observe) throws GuestFault {
        WasmExecSettings s = new WasmExecSettings(List.of(), Map.of(), Map.of("mode", JsValues.pack(mode)), js, null,
                List.of(), null,
                AfterExit.REFUSE, "js");
        return guest.run(new Invocation("wasm-exec", "", new byte[0], s, LIMITS, List.of(observe)));
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
        Outcome out = run("var n = 0; for (var i = 0; i < 40; i++) { var b = new Float64Array(2 << 20); n += b.length; }"
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
}
