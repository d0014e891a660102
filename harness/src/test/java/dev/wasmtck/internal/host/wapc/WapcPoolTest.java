package dev.wasmtck.internal.host.wapc;

import dev.wasmtck.abi.wapc.HostCallHandler;
import dev.wasmtck.abi.wapc.JavaHostCallHandler;
import dev.wasmtck.abi.wapc.WapcSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.runtime.GuestFault.Kind;
import dev.wasmtck.host.GuestModule;
import dev.wasmtck.runtime.Limits;
import dev.wasmtck.host.PooledGuest;
import dev.wasmtck.host.PooledGuest.GuestPool;
import dev.wasmtck.internal.msgpack.Payloads;
import dev.wasmtck.internal.yaml.YamlFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The waPC instance pool on wat/wapc-mini.wat, whose "counter" operation counts calls per instance. */
class WapcPoolTest {
    static PooledGuest guest;

    @BeforeAll
    static void prepare() throws Exception {
        byte[] wasm = Files.readAllBytes(Path.of("src/test/resources/wat/wapc-mini.wasm"));
        guest = (PooledGuest) new WapcHost(new dev.wasmtck.internal.runtime.chicory.ChicoryRuntime(true)).prepare(new GuestModule("wapc-mini", wasm));
    }

    private static WapcSettings handlers(String yaml) {
        return new WapcAbi().parseSettings(Optional.of(YamlFiles.compose(yaml, "case.yaml").get(0).asMap("host")));
    }

    private static String call(GuestPool pool, String op, String payload) throws GuestFault {
        return new String(pool.call(op, payload.getBytes(StandardCharsets.UTF_8)).output(), StandardCharsets.UTF_8);
    }

    @Test
    void anInstanceServesCallAfterCallAndANewPoolStartsFresh() throws GuestFault {
        try (GuestPool pool = guest.pool(1, WapcSettings.DEFAULT, Limits.DEFAULT)) {
            assertThat(call(pool, "counter", "")).isEqualTo("1");
            assertThat(call(pool, "counter", "")).isEqualTo("2");
            assertThat(pool.stats()).isEqualTo(new PooledGuest.Stats(1, 0, 1));
        }
        try (GuestPool pool = guest.pool(1, WapcSettings.DEFAULT, Limits.DEFAULT)) {
            assertThat(call(pool, "counter", "")).isEqualTo("1");
        }
    }

    @Test
    void aTrappedInstanceIsDiscardedAndReplaced() throws GuestFault {
        try (GuestPool pool = guest.pool(1, WapcSettings.DEFAULT, Limits.DEFAULT)) {
            assertThat(call(pool, "counter", "")).isEqualTo("1");
            assertThat(assertThrows(GuestFault.class, () -> call(pool, "", "")).kind()).isEqualTo(Kind.TRAP);
            assertThat(call(pool, "counter", "")).as("a fresh instance counts from 1").isEqualTo("1");
            assertThat(pool.stats()).isEqualTo(new PooledGuest.Stats(2, 1, 1));
        }
    }

    @Test
    void aCleanGuestErrorKeepsTheInstanceButAProtocolErrorDoesNot() throws GuestFault {
        try (GuestPool pool = guest.pool(1, WapcSettings.DEFAULT, Limits.DEFAULT)) {
            assertThat(call(pool, "counter", "")).isEqualTo("1");
            assertThat(assertThrows(GuestFault.class, () -> call(pool, "err", "")).kind()).isEqualTo(Kind.GUEST_ERROR);
            assertThat(call(pool, "counter", "")).isEqualTo("2");
            assertThat(assertThrows(GuestFault.class, () -> call(pool, "ok", "")).kind()).isEqualTo(Kind.PROTOCOL);
            assertThat(call(pool, "counter", "")).isEqualTo("1");
            assertThat(pool.stats().discarded()).isEqualTo(1);
        }
    }

    @Test
    void callsReallyOverlapOnSeparateInstances() throws Exception {
        // The handler answers only when two host calls wait at it at once: impossible unless two
        // guest calls run at the same time on two instances.
        WapcSettings s = handlers("handlers: [{namespace: init, respond: !text ok}, {operation: o, echo: true, barrier: 2}]");
        try (GuestPool pool = guest.pool(2, s, new Limits(Duration.ofSeconds(10), 1 << 20))) {
            List<Object> results = ParallelCalls.inParallel(2, () -> call(pool, "h", "ping"));
            assertThat(results).containsExactly("ping", "ping");
            assertThat(pool.stats()).isEqualTo(new PooledGuest.Stats(2, 0, 2));
        }
    }

    @Test
    void thePoolIsBounded() throws Exception {
        // One instance cannot serve two calls at once, so the barrier is never met: the first call
        // times out at it; the second either times out waiting for the instance or, when it gets a
        // fresh one just in time, finds the barrier broken.
        WapcSettings s = handlers("handlers: [{namespace: init, respond: !text ok}, {operation: o, echo: true, barrier: 2}]");
        try (GuestPool pool = guest.pool(1, s, new Limits(Duration.ofMillis(500), 1 << 20))) {
            List<Object> results = ParallelCalls.inParallel(2, () -> call(pool, "h", "ping"));
            assertThat(results).allSatisfy(r -> assertThat(((GuestFault) r).kind()).isEqualTo(Kind.TIMEOUT));
            assertThat(results).anySatisfy(r -> assertThat(((GuestFault) r).getMessage()).contains("barrier"));
            assertThat(pool.stats().peakBusy()).isEqualTo(1);
        }
    }

    @Test
    void manyCallersShareAFewInstancesAndEveryCallGetsItsOwnAnswer() throws Exception {
        try (GuestPool pool = guest.pool(2, WapcSettings.DEFAULT, Limits.DEFAULT)) {
            List<Object> results = ParallelCalls.inParallel(6, () -> {
                List<String> mine = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    String payload = Thread.currentThread().getName() + "#" + i;
                    mine.add(call(pool, "echo", payload).equals(payload) ? "ok" : "wrong");
                }
                return mine;
            });
            assertThat(results).allSatisfy(r -> assertThat(r).isEqualTo(java.util.Collections.nCopies(20, "ok")));
            assertThat(pool.stats().created()).isBetween(1, 2);
            assertThat(pool.stats().peakBusy()).isLessThanOrEqualTo(2);
        }
    }

    @Test
    void aPooledCallReportsItsOwnHostCallsNotThoseOfInitialisation() throws GuestFault {
        WapcSettings s = handlers("handlers: [{namespace: init, respond: !text ok}, {operation: o, echo: true}]");
        try (GuestPool pool = guest.pool(1, s, Limits.DEFAULT)) {
            assertThat(Payloads.render(pool.call("h", "a".getBytes(StandardCharsets.UTF_8)).hostCalls()))
                    .doesNotContain("init").contains("operation: \"o\"");
            assertThat(Payloads.render(pool.call("h", "b".getBytes(StandardCharsets.UTF_8)).hostCalls()))
                    .doesNotContain("61").contains("62");
        }
    }

    @Test
    void aJavaHandlerAnswersOrFailsTheHostCall() throws GuestFault {
        JavaHostCallHandler upper = new JavaHostCallHandler() {
            @Override
            public String name() {
                return "upper";
            }

            @Override
            public byte[] call(String binding, String namespace, String operation, byte[] payload) {
                if (payload.length == 0) {
                    throw new IllegalArgumentException("nothing to upper-case");
                }
                return new String(payload, StandardCharsets.UTF_8).toUpperCase().getBytes(StandardCharsets.UTF_8);
            }
        };
        WapcSettings s = new WapcSettings(List.of(new HostCallHandler(null, null, "o", null, null, false, upper, 0)));
        try (GuestPool pool = guest.pool(1, s, Limits.DEFAULT)) {
            assertThat(call(pool, "h", "shout")).isEqualTo("SHOUT");
            assertThat(assertThrows(GuestFault.class, () -> call(pool, "h", ""))).hasMessage("nothing to upper-case");
        }
    }
}
