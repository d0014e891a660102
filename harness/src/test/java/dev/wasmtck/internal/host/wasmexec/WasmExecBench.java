package dev.wasmtck.internal.host.wasmexec;

import dev.wasmtck.abi.wasmexec.AfterExit;
import dev.wasmtck.abi.wasmexec.WasmExecSettings;

import dev.wasmtck.bench.Bench;
import dev.wasmtck.host.GuestModule;
import dev.wasmtck.host.Invocation;
import dev.wasmtck.runtime.Limits;
import dev.wasmtck.host.Outcome;
import dev.wasmtck.host.PreparedGuest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The wasm-tck side of ci/bench/wasm-exec.sh (not a test): the same measurements as
 * ci/bench/wasm-exec-node.js makes with Go's wasm_exec.js on node, through the host's public path
 * ({@link WasmExecHost#prepare}, {@link PreparedGuest#run}).
 *
 * <pre>WasmExecBench &lt;bench.js&gt; &lt;hello.wasm&gt; &lt;my-event.wasm&gt;</pre>
 *
 * System properties (the script passes its environment on): {@code bench.compiles},
 * {@code bench.starts.warm}, {@code bench.starts}, {@code bench.calls}, {@code bench.calls.warm},
 * {@code bench.rounds}, and {@code bench.runtime}: the id of the reference host whose runtime runs the
 * guests ({@code chicory} by default; {@code endive} with runtime-endive on the class path). Prints one tab-separated line per metric: metric, median, min, max, samples,
 * unit.
 */
public final class WasmExecBench {
    private static final Limits LIMITS = new Limits(Duration.ofMinutes(10), 1L << 30);

    private WasmExecBench() {}

    public static void main(String[] args) throws Exception {
        String benchJs = Files.readString(Path.of(args[0]));
        byte[] hello = Files.readAllBytes(Path.of(args[1]));
        byte[] myEvent = Files.readAllBytes(Path.of(args[2]));

        // Compilation: parse, validate and translate to JVM bytecode (Chicory's or Endive's compiler), once per module.
        List<Double> compiles = new ArrayList<>();
        PreparedGuest helloGuest = null;
        for (int i = 0; i < Integer.getInteger("bench.compiles", 3); i++) {
            long t0 = System.nanoTime();
            helloGuest = new WasmExecHost(Bench.runtime()).prepare(new GuestModule("hello", hello));
            compiles.add(Bench.millis(t0));
        }
        Bench.print("compile hello.wasm", compiles, "ms");

        // Start-up: a fresh instance, JS world and guest thread; main runs and the program exits.
        WasmExecSettings plain = settings("hello.wasm", null);
        int warm = Integer.getInteger("bench.starts.warm", 20);
        int total = warm + Integer.getInteger("bench.starts", 30);
        List<Double> starts = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            long t0 = System.nanoTime();
            Outcome o = helloGuest.run(new Invocation(WasmExecAbi.NAME, "", JsValues.pack(List.of()), plain, LIMITS,
                    List.of()));
            double t = Bench.millis(t0);
            if (o.exitCode() == null || o.exitCode() != 0) {
                throw new IllegalStateException("hello exited with " + o.exitCode() + ": " + o.stderr());
            }
            if (i >= warm) {
                starts.add(t);
            }
        }
        Bench.print("start hello (instantiate + main)", starts, "ms");

        // Calls: main has run; benchRounds (bench.js) is the function the Invocation calls, in one instance.
        PreparedGuest event = new WasmExecHost(Bench.runtime()).prepare(new GuestModule("my-event", myEvent));
        WasmExecSettings withBench = settings("my-event.wasm", benchJs);
        int n = Integer.getInteger("bench.calls", 2000);
        for (String fn : List.of("echoBytes", "myEvent")) {
            Outcome o = event.run(new Invocation(WasmExecAbi.NAME, "benchRounds",
                    JsValues.pack(List.of(fn, (long) Integer.getInteger("bench.calls.warm", 5000), (long) n,
                            (long) Integer.getInteger("bench.rounds", 10))),
                    withBench, LIMITS, List.of()));
            List<Double> perCall = new ArrayList<>();
            for (Object ms : (List<?>) JsValues.unpack(o.output())) {
                perCall.add(((Number) ms).doubleValue() * 1000 / n);
            }
            Bench.print("call " + fn, perCall, "us/call");
        }
    }

    private static WasmExecSettings settings(String program, String js) {
        return new WasmExecSettings(List.of(), Map.of("TMPDIR", "/tmp"), Map.of(), js, null, List.of(), null,
                AfterExit.REFUSE, program);
    }
}
