package dev.wasmtck.internal.runtime.wasi;

import java.security.SecureRandom;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What one {@link WasiPreview1} gives its guest: the command line and environment, where stdout and
 * stderr go, the random source, the clocks, and what an exit does before {@code proc_exit} unwinds
 * the guest. Built with {@link #builder()}; what is not set has a sandbox's default (no arguments, no
 * environment, output captured up to {@link WasiPreview1#OUTPUT_LIMIT}, a secure random source, the
 * system clocks with the monotonic one counting from {@link Builder#build()}, nothing done on exit).
 */
public final class WasiOptions {
    /** Where the guest's writes to one descriptor go. */
    @FunctionalInterface
    public interface OutputSink {
        void write(byte[] bytes, int offset, int length);

        /** True when nothing more is kept: {@code fd_write} then stops copying out of guest memory. */
        default boolean full() {
            return false;
        }
    }

    /** The clocks {@code clock_time_get} and {@code poll_oneoff} read, in nanoseconds. */
    public interface Clocks {
        /** Clock 0: the wall clock, since the epoch. */
        long realtimeNanos();

        /** Clock 1: time since the guest started. */
        long monotonicNanos();

        /**
         * Clocks 2 and 3, process and thread CPU time: the CPU time of the thread running the guest,
         * so a guest that spins on them burns exactly that much CPU however loaded the machine is
         * (the kit's limits count guest CPU time too). Falls back to the monotonic clock where the
         * JVM cannot measure thread CPU time.
         */
        default long cpuTimeNanos() {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long cpu = threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : -1;
            return cpu >= 0 ? cpu : monotonicNanos();
        }
    }

    /** Told the exit code when the guest calls {@code proc_exit}, before {@code WasiExit} unwinds the guest. */
    @FunctionalInterface
    public interface ExitHandler {
        void exited(int code);
    }

    private final List<String> arguments;
    private final Map<String, String> environment;
    private final OutputSink stdout;
    private final OutputSink stderr;
    private final Random random;
    private final Clocks clocks;
    private final ExitHandler onExit;

    private WasiOptions(Builder b) {
        this.arguments = List.copyOf(b.arguments);
        this.environment = b.environment;
        this.stdout = b.stdout;
        this.stderr = b.stderr;
        this.random = b.random != null ? b.random : new SecureRandom();
        this.clocks = b.clocks != null ? b.clocks : systemClocks();
        this.onExit = b.onExit;
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<String> arguments() {
        return arguments;
    }

    /** The environment, in iteration order. */
    public Map<String, String> environment() {
        return environment;
    }

    /** The stdout sink, or null for the default capture. */
    OutputSink stdout() {
        return stdout;
    }

    /** The stderr sink, or null for the default capture. */
    OutputSink stderr() {
        return stderr;
    }

    Random random() {
        return random;
    }

    Clocks clocks() {
        return clocks;
    }

    ExitHandler onExit() {
        return onExit;
    }

    /** The wall clock, and a monotonic clock counting from now. */
    private static Clocks systemClocks() {
        long origin = System.nanoTime();
        return new Clocks() {
            @Override
            public long realtimeNanos() {
                Instant t = Instant.now();
                return t.getEpochSecond() * 1_000_000_000L + t.getNano();
            }

            @Override
            public long monotonicNanos() {
                return System.nanoTime() - origin;
            }
        };
    }

    /** Collects {@link WasiOptions}; each {@code with} method replaces what was set before. */
    public static final class Builder {
        private List<String> arguments = List.of();
        private Map<String, String> environment = Map.of();
        private OutputSink stdout;
        private OutputSink stderr;
        private Random random;
        private Clocks clocks;
        private ExitHandler onExit = code -> { };

        private Builder() {}

        /** argv, program name first. */
        public Builder withArguments(List<String> arguments) {
            this.arguments = arguments;
            return this;
        }

        /** The environment; its iteration order is the order the guest sees. */
        public Builder withEnvironment(Map<String, String> environment) {
            this.environment = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
            return this;
        }

        /** Sends fd 1 to {@code sink} instead of the capture {@link WasiPreview1#stdout()} reads. */
        public Builder withStdout(OutputSink sink) {
            this.stdout = sink;
            return this;
        }

        /** Sends fd 2 to {@code sink} instead of the capture {@link WasiPreview1#stderr()} reads. */
        public Builder withStderr(OutputSink sink) {
            this.stderr = sink;
            return this;
        }

        /** The source of {@code random_get}; a seeded {@link Random} makes a case reproducible. */
        public Builder withRandom(Random random) {
            this.random = random;
            return this;
        }

        /** A seeded source for {@code random_get}, or, for null, a secure one. */
        public Builder withRandomSeed(Long seed) {
            this.random = seed == null ? null : new Random(seed);
            return this;
        }

        public Builder withClocks(Clocks clocks) {
            this.clocks = clocks;
            return this;
        }

        /** Runs on {@code proc_exit}, before the guest is unwound: a host records the exit its own way. */
        public Builder withExitHandler(ExitHandler onExit) {
            this.onExit = onExit;
            return this;
        }

        public WasiOptions build() {
            return new WasiOptions(this);
        }
    }
}
