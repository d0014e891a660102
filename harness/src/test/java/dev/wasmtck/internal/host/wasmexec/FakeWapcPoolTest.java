package dev.wasmtck.internal.host.wasmexec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.runtime.GuestFault.Kind;
import dev.wasmtck.host.GuestModule;
import dev.wasmtck.runtime.Limits;
import dev.wasmtck.host.PooledGuest;
import dev.wasmtck.host.PooledGuest.GuestPool;
import dev.wasmtck.internal.host.wapc.ParallelCalls;
import dev.wasmtck.internal.host.wapc.WapcAbi;
import dev.wasmtck.internal.host.wapc.WapcHost;
import dev.wasmtck.abi.wapc.WapcSettings;
import dev.wasmtck.internal.msgpack.Payloads;
import dev.wasmtck.internal.runtime.chicory.ChicoryRuntime;
import dev.wasmtck.internal.yaml.YamlFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Fake waPC's pool of Go programs, each on its own serving thread, on wat/tinygo-mini.wat (a TinyGo
 * js/wasm stand-in whose mode 4 speaks fake waPC: "echo", "hc" (a host call), "counter" (per
 * instance) and "t" (a trap)).
 */
class FakeWapcPoolTest {
    private static final String BARRIER = "handlers: [{namespace: n, operation: o, echo: true, barrier: 2}]";

    /** A guest under its own name, so its serving threads can be told from other tests'. */
    private static PooledGuest guest(String name) throws Exception {
        byte[] wasm = Files.readAllBytes(Path.of("src/test/resources/wat/tinygo-mini.wasm"));
        return (PooledGuest) new WapcHost(new ChicoryRuntime(true)).prepare(new GuestModule(name, wasm));
    }

    private static WapcSettings handlers(String yaml) {
        return new WapcAbi().parseSettings(Optional.of(YamlFiles.compose(yaml, "case.yaml").get(0).asMap("host")));
    }

    private static String call(GuestPool pool, String op, String payload) throws GuestFault {
        return new String(pool.call(op, payload.getBytes(StandardCharsets.UTF_8)).output(), StandardCharsets.UTF_8);
    }

    /** The live serving threads of guest {@code name}. */
    private static long servingThreads(String name) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("wasm-fake-wapc-") && t.getName().endsWith("-" + name))
                .filter(Thread::isAlive).count();
    }

    /** {@code n} calls of {@code op} at once; each result is the output, or the fault. */
    private static List<Object> inParallel(GuestPool pool, int n, String op, String payload) throws Exception {
        return ParallelCalls.inParallel(n, () -> call(pool, op, payload));
    }

    @Test
    void callsReallyOverlapOnSeparateGoPrograms() throws Exception {
        // The handler answers only when two host calls wait at it at once: impossible unless two
        // Go programs serve calls at the same time, each on its own thread.
        PooledGuest guest = guest("overlap");
        try (GuestPool pool = guest.pool(2, handlers(BARRIER), new Limits(Duration.ofSeconds(20), 16 << 20))) {
            assertThat(inParallel(pool, 2, "hc", "ping")).containsExactly("ping", "ping");
            assertThat(pool.stats()).isEqualTo(new PooledGuest.Stats(2, 0, 2));
            assertThat(servingThreads("overlap")).isEqualTo(2);
        }
        assertThat(servingThreads("overlap")).as("closing the pool ends its threads").isZero();
    }

    @Test
    void thePoolIsBounded() throws Exception {
        PooledGuest guest = guest("bounded");
        try (GuestPool pool = guest.pool(1, handlers(BARRIER), new Limits(Duration.ofMillis(1500), 16 << 20))) {
            List<Object> results = inParallel(pool, 2, "hc", "ping");
            assertThat(results).allSatisfy(r -> assertThat(((GuestFault) r).kind()).isEqualTo(Kind.TIMEOUT));
            assertThat(pool.stats().peakBusy()).isEqualTo(1);
        }
        assertThat(servingThreads("bounded")).isZero();
    }

    @Test
    void aProgramServesCallAfterCallAndANewPoolStartsFresh() throws Exception {
        PooledGuest guest = guest("state");
        try (GuestPool pool = guest.pool(1, WapcSettings.DEFAULT, Limits.DEFAULT)) {
            assertThat(call(pool, "counter", "")).isEqualTo("1");
            assertThat(call(pool, "echo", "hi")).isEqualTo("hi");
            assertThat(call(pool, "counter", "")).isEqualTo("2");
            assertThat(assertThrows(GuestFault.class, () -> call(pool, "other", "")).kind())
                    .as("a clean guest error keeps the program").isEqualTo(Kind.GUEST_ERROR);
            assertThat(call(pool, "counter", "")).isEqualTo("3");
            assertThat(pool.stats()).isEqualTo(new PooledGuest.Stats(1, 0, 1));
        }
        try (GuestPool pool = guest.pool(1, WapcSettings.DEFAULT, Limits.DEFAULT)) {
            assertThat(call(pool, "counter", "")).isEqualTo("1");
        }
    }

    @Test
    void aTrappedProgramIsDiscardedWithItsThread() throws Exception {
        PooledGuest guest = guest("trap");
        try (GuestPool pool = guest.pool(1, WapcSettings.DEFAULT, Limits.DEFAULT)) {
            assertThat(call(pool, "counter", "")).isEqualTo("1");
            assertThat(assertThrows(GuestFault.class, () -> call(pool, "t", "")).kind()).isEqualTo(Kind.TRAP);
            assertThat(servingThreads("trap")).isZero();
            assertThat(call(pool, "counter", "")).as("a fresh program counts from 1").isEqualTo("1");
            assertThat(pool.stats()).isEqualTo(new PooledGuest.Stats(2, 1, 1));
            assertThat(servingThreads("trap")).isEqualTo(1);
        }
        assertThat(servingThreads("trap")).isZero();
    }

    @Test
    void aTimedOutProgramIsStoppedAndDiscarded() throws Exception {
        // Alone at a barrier for two, the host call waits until the call's limit: the caller then
        // interrupts the serving thread, and the pool replaces the program.
        PooledGuest guest = guest("timeout");
        try (GuestPool pool = guest.pool(1, handlers(BARRIER), new Limits(Duration.ofMillis(700), 16 << 20))) {
            long start = System.nanoTime();
            GuestFault f = assertThrows(GuestFault.class, () -> call(pool, "hc", "ping"));
            assertThat(f.kind()).isEqualTo(Kind.TIMEOUT);
            assertThat(f.getMessage()).contains("did not complete within 700ms");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(servingThreads("timeout")).isZero();
            assertThat(call(pool, "counter", "")).isEqualTo("1");
            assertThat(pool.stats()).isEqualTo(new PooledGuest.Stats(2, 1, 1));
        }
        assertThat(servingThreads("timeout")).isZero();
    }

    @Test
    void aPooledCallReportsItsOwnHostCalls() throws Exception {
        PooledGuest guest = guest("own");
        try (GuestPool pool = guest.pool(1, handlers("handlers: [{operation: o, echo: true}]"), Limits.DEFAULT)) {
            assertThat(Payloads.render(pool.call("hc", "a".getBytes(StandardCharsets.UTF_8)).hostCalls()))
                    .contains("61");
            assertThat(Payloads.render(pool.call("hc", "b".getBytes(StandardCharsets.UTF_8)).hostCalls()))
                    .doesNotContain("61").contains("62");
        }
    }
}
