package dev.wasmtck.bench;

import dev.wasmtck.host.GuestModule;
import dev.wasmtck.host.Invocation;
import dev.wasmtck.runtime.Limits;
import dev.wasmtck.host.PooledGuest;
import dev.wasmtck.host.PooledGuest.GuestPool;
import dev.wasmtck.abi.wapc.HostCallHandler;
import dev.wasmtck.internal.host.wapc.WapcAbi;
import dev.wasmtck.internal.host.wapc.WapcHost;
import dev.wasmtck.abi.wapc.WapcSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The wasm-tck side of ci/bench/run for waPC (not a test): the operations ci/bench/wapc-go times with
 * wapc-go on wazero, through {@link WapcHost}'s public path on the runtime {@code bench.runtime}.
 * "instantiate + echo 16 B" is one case's run (a fresh instance, initialised, one call); the other
 * metrics call one warm instance (a pool of one): "echo" of 16 B and 64 KiB, and "host-echo 16 B", where
 * the guest's host call tck/test/echo is answered with its payload.
 *
 * <pre>WapcBench NAME=GUEST.wasm...</pre>
 *
 * Settings (system properties): {@code bench.wapc.fresh}, {@code bench.wapc.warm}, {@code bench.warm.millis} ({@link Bench#warm}),
 * {@code bench.wapc.calls}, {@code bench.rounds}.
 */
public final class WapcBench {
    private static final Limits LIMITS = new Limits(Duration.ofMinutes(1), 256L << 20);
    private static final WapcSettings ECHO_HOST = new WapcSettings(
            List.of(new HostCallHandler("tck", "test", "echo", null, null, true)));

    private WapcBench() {}

    public static void main(String[] args) throws Exception {
        byte[] small = "x".repeat(16).getBytes();
        byte[] big = "0123456789abcdef".repeat(4096).getBytes();
        int fresh = Bench.setting("bench.wapc.fresh", 50);
        int calls = Bench.setting("bench.wapc.calls", 2000);
        int warmRounds = Math.max(1, Bench.setting("bench.wapc.warm", 2000) / calls);
        for (String arg : args) {
            String name = arg.substring(0, arg.indexOf('='));
            byte[] wasm = Files.readAllBytes(Path.of(arg.substring(arg.indexOf('=') + 1)));
            PooledGuest guest = (PooledGuest) new WapcHost(Bench.runtime()).prepare(new GuestModule(name, wasm));
            Invocation echo = new Invocation(WapcAbi.NAME, "echo", small, ECHO_HOST, LIMITS);
            Bench.warm(fresh, () -> check(guest.run(echo).output(), small, name + " echo"));
            List<Double> perCase = new ArrayList<>();
            for (int i = 0; i < fresh; i++) {
                long t0 = System.nanoTime();
                check(guest.run(echo).output(), small, name + " echo");
                perCase.add(Bench.millis(t0) * 1000);
            }
            Bench.print(name + ": instantiate + echo 16 B", perCase, "us/call");
            try (GuestPool pool = guest.pool(1, ECHO_HOST, LIMITS)) {
                record Op(String metric, String function, byte[] payload) {}
                for (Op op : List.of(new Op("echo 16 B", "echo", small), new Op("echo 64 KiB", "echo", big),
                        new Op("host-echo 16 B", "host-echo", small))) {
                    // Fewer calls per round for big payloads (16 MiB per round at most), at least 10, as wapc-go's side.
                    int n = Math.min(calls, Math.max(10, (16 << 20) / op.payload().length));
                    Bench.print(name + ": " + op.metric(), Bench.perCall(warmRounds, Bench.setting("bench.rounds", 10),
                            n, () -> check(pool.call(op.function(), op.payload()).output(), op.payload(),
                                    name + " " + op.metric())), "us/call");
                }
            }
        }
    }

    private static void check(byte[] output, byte[] expected, String what) {
        if (!Arrays.equals(output, expected)) {
            throw new IllegalStateException(what + ": wrong answer");
        }
    }
}
