package dev.wasmtck.bench;

import dev.wasmtck.internal.host.reference.ReferenceHost;
import dev.wasmtck.runtime.WasmRuntime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * What the Java sides of ci/bench/ share (they are programs, not tests): the runtime under measurement,
 * the round structure and the output line, which the scripts join with the peer's line of the same name.
 */
public final class Bench {
    private Bench() {}

    /** A fresh runtime of the reference host {@code bench.runtime} (default chicory), found as the engine finds hosts. */
    public static WasmRuntime runtime() {
        return ReferenceHost.runtimeOf(System.getProperty("bench.runtime", "chicory"), key -> Optional.empty());
    }

    /** A setting from the system property {@code name}, else {@code dflt}. */
    public static int setting(String name, int dflt) {
        return Integer.getInteger(name, dflt);
    }

    public static double millis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }

    /** One thing the rounds time, once per call; throws when a call's answer is wrong. */
    @FunctionalInterface
    public interface Call {
        void run() throws Exception;
    }

    /**
     * Runs {@code call} untimed, at least {@code minCalls} times and for at least {@code bench.warm.millis}
     * (default 2000) milliseconds. The JVM's compilers need some 10^4 to 10^5 runs of a path before its code
     * is steady: a warm waPC echo measured 3.2 us per call after 2,000 warm-up calls and 0.23 us after
     * 400,000 (2026-12-07), where wazero's compiled code is steady from the first call.
     */
    public static void warm(int minCalls, Call call) throws Exception {
        long until = System.nanoTime() + setting("bench.warm.millis", 2000) * 1_000_000L;
        for (int i = 0; i < minCalls || System.nanoTime() < until; i++) {
            call.run();
        }
    }

    /**
     * Per-call microseconds of {@code call}: warmed up ({@link #warm}, at least {@code warmRounds} rounds'
     * worth of calls), then {@code rounds} rounds of {@code n} calls, each round's time divided by {@code n}.
     */
    public static List<Double> perCall(int warmRounds, int rounds, int n, Call call) throws Exception {
        warm(warmRounds * n, call);
        List<Double> samples = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                call.run();
            }
            samples.add(millis(t0) * 1000 / n);
        }
        return samples;
    }

    /** Prints metric, median, min, max, samples and unit, tab-separated. */
    public static void print(String metric, List<Double> samples, String unit) {
        List<Double> s = new ArrayList<>(samples);
        Collections.sort(s);
        int k = s.size();
        double median = k % 2 == 1 ? s.get(k / 2) : (s.get(k / 2 - 1) + s.get(k / 2)) / 2;
        System.out.println(String.join("\t", metric, Double.toString(median), Double.toString(s.get(0)),
                Double.toString(s.get(k - 1)), Integer.toString(k), unit));
    }
}
