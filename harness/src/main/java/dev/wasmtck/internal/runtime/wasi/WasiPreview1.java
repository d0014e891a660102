package dev.wasmtck.internal.runtime.wasi;

import static dev.wasmtck.module.ValueType.I32;
import static dev.wasmtck.module.ValueType.I64;

import dev.wasmtck.module.FunctionType;
import dev.wasmtck.internal.runtime.HostBounds;
import dev.wasmtck.runtime.HostFunction;
import dev.wasmtck.runtime.LinearMemory;
import dev.wasmtck.module.ValueType;
import dev.wasmtck.internal.runtime.WasiExit;
import dev.wasmtck.runtime.WasmInstance;
import dev.wasmtck.runtime.WasmInterrupted;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * WASI preview1 for one case, on the runtime interface: a guest gets what a sandboxed program needs and
 * nothing of the machine. Stdout and stderr are captured (up to {@link #OUTPUT_LIMIT} each) or go where
 * the {@link WasiOptions} say, stdin is empty, arguments, environment, clocks and random source are the
 * options', and {@code proc_exit} tells the options' exit handler and throws {@link WasiExit}. There are no preopened directories
 * ({@code fd_prestat_get} answers EBADF, so the guest sees no file system), no sockets; every other
 * function answers ENOSYS.
 *
 * <p>One object serves one instance on one thread; it is not thread-safe.
 */
public final class WasiPreview1 {
    public static final String MODULE = "wasi_snapshot_preview1";
    /** The preview0 module name, under which old TinyGo builds import the same functions. */
    public static final String UNSTABLE = "wasi_unstable";
    public static final int OUTPUT_LIMIT = 16 << 20;

    static final int ESUCCESS = 0;
    static final int EBADF = 8;
    static final int EINVAL = 28;
    static final int ENOSYS = 52;

    private static final Map<String, FunctionType> SIGNATURES = signatureTable();
    private static final long[] OK = {ESUCCESS};

    private final byte[][] args;
    private final byte[][] env;
    private final Random random;
    private final WasiOptions.Clocks clocks;
    private final WasiOptions.ExitHandler onExit;
    private final WasiOptions.OutputSink stdout;
    private final WasiOptions.OutputSink stderr;
    private final boolean[] closed = new boolean[3];

    /** WASI for one guest, as {@code options} describe it. */
    public WasiPreview1(WasiOptions options) {
        this.args = options.arguments().stream().map(WasiPreview1::cString).toArray(byte[][]::new);
        this.env = options.environment().entrySet().stream().map(e -> cString(e.getKey() + "=" + e.getValue()))
                .toArray(byte[][]::new);
        this.random = options.random();
        this.clocks = options.clocks();
        this.onExit = options.onExit();
        this.stdout = options.stdout() != null ? options.stdout() : new Capture();
        this.stderr = options.stderr() != null ? options.stderr() : new Capture();
    }

    /** The module names WASI preview1 is imported under: {@link #MODULE}, and {@link #UNSTABLE} for old builds. */
    public static boolean isWasiModule(String module) {
        return MODULE.equals(module) || UNSTABLE.equals(module);
    }

    /** Every preview1 function and its type, in the order of the WASI specification's witx, then two adapter extras. */
    public static Map<String, FunctionType> signatures() {
        return SIGNATURES;
    }

    /**
     * What the guest wrote to stdout, as UTF-8, with a note when it was truncated; empty when the options
     * sent stdout to a sink of their own.
     */
    public String stdout() {
        return stdout instanceof Capture c ? c.text() : "";
    }

    /** What the guest wrote to stderr, as {@link #stdout()}. */
    public String stderr() {
        return stderr instanceof Capture c ? c.text() : "";
    }

    /** Appends to stdout (fd 1) or stderr (fd 2), as {@code fd_write} does; for a host's own log imports. */
    public void write(int fd, byte[] bytes) {
        (fd == 2 ? stderr : stdout).write(bytes, 0, bytes.length);
    }

    /** Forgets what was captured so far: a pooled instance reports each call's output alone. */
    public void resetOutput() {
        for (WasiOptions.OutputSink sink : List.of(stdout, stderr)) {
            if (sink instanceof Capture c) {
                c.reset();
            }
        }
    }

    /** The function {@code name} under {@code module}, or null when preview1 has no such function. */
    public HostFunction function(String module, String name) {
        FunctionType type = SIGNATURES.get(name);
        return type == null ? null : new HostFunction(module, name, type, implementation(name));
    }

    /** Every preview1 function under {@code module} ({@link #MODULE} or {@link #UNSTABLE}). */
    public List<HostFunction> functions(String module) {
        List<HostFunction> functions = new ArrayList<>(SIGNATURES.size());
        for (Map.Entry<String, FunctionType> e : SIGNATURES.entrySet()) {
            functions.add(function(module, e.getKey()));
        }
        return functions;
    }

    private HostFunction.Implementation implementation(String name) {
        return switch (name) {
            case "args_sizes_get" -> (inst, a) -> sizes(inst, args, a);
            case "args_get" -> (inst, a) -> strings(inst, args, a);
            case "environ_sizes_get" -> (inst, a) -> sizes(inst, env, a);
            case "environ_get" -> (inst, a) -> strings(inst, env, a);
            case "clock_res_get" -> (inst, a) -> {
                if (!knownClock((int) a[0])) {
                    return errno(EINVAL);
                }
                inst.memory().writeI64((int) a[1], 1_000L);
                return OK;
            };
            case "clock_time_get" -> (inst, a) -> {
                if (!knownClock((int) a[0])) {
                    return errno(EINVAL);
                }
                inst.memory().writeI64((int) a[2], now((int) a[0]));
                return OK;
            };
            case "fd_write" -> this::fdWrite;
            case "fd_read" -> this::fdRead;
            case "fd_close" -> (inst, a) -> {
                int fd = (int) a[0];
                if (!open(fd)) {
                    return errno(EBADF);
                }
                closed[fd] = true;
                return OK;
            };
            case "fd_fdstat_get" -> this::fdstat;
            case "fd_fdstat_set_flags" -> (inst, a) -> errno(open((int) a[0]) ? ESUCCESS : EBADF);
            case "fd_prestat_get", "fd_prestat_dir_name" -> (inst, a) -> errno(EBADF);
            case "poll_oneoff" -> this::pollOneoff;
            case "proc_exit" -> (inst, a) -> {
                onExit.exited((int) a[0]);
                throw new WasiExit((int) a[0]);
            };
            case "random_get" -> (inst, a) -> {
                HostBounds.fill(inst.memory(), HostBounds.u32(a[0]), HostBounds.u32(a[1]), random::nextBytes,
                        "random_get");
                return OK;
            };
            case "sched_yield" -> (inst, a) -> OK;
            default -> (inst, a) -> errno(ENOSYS);
        };
    }

    private static long[] errno(int code) {
        return code == ESUCCESS ? OK : new long[] {code};
    }

    private boolean open(int fd) {
        return fd >= 0 && fd < 3 && !closed[fd];
    }

    private static boolean knownClock(int id) {
        return id >= 0 && id <= 3;
    }

    /** Realtime (0) is the wall clock; monotonic (1) and the CPU-time clocks (2, 3) count from the guest's start. */
    private long now(int clock) {
        return switch (clock) {
            case 0 -> clocks.realtimeNanos();
            case 1 -> clocks.monotonicNanos();
            default -> clocks.cpuTimeNanos();
        };
    }

    private static long[] sizes(WasmInstance inst, byte[][] strings, long[] a) {
        long bytes = 0;
        for (byte[] s : strings) {
            bytes += s.length;
        }
        LinearMemory m = inst.memory();
        m.writeI32((int) a[0], strings.length);
        m.writeI32((int) a[1], (int) bytes);
        return OK;
    }

    private static long[] strings(WasmInstance inst, byte[][] strings, long[] a) {
        LinearMemory m = inst.memory();
        int pointers = (int) a[0];
        int buffer = (int) a[1];
        for (int i = 0; i < strings.length; i++) {
            m.writeI32(pointers + 4 * i, buffer);
            m.write(buffer, strings[i]);
            buffer += strings[i].length;
        }
        return OK;
    }

    private long[] fdWrite(WasmInstance inst, long[] a) {
        int fd = (int) a[0];
        if (fd != 1 && fd != 2 || !open(fd)) {
            return errno(EBADF);
        }
        WasiOptions.OutputSink target = fd == 1 ? stdout : stderr;
        LinearMemory m = inst.memory();
        int iovs = (int) a[1];
        int count = HostBounds.checkArray(m, HostBounds.u32(iovs), HostBounds.u32(a[2]), 8, "fd_write iovecs");
        long written = 0;
        for (int i = 0; i < count; i++) {
            // However many buffers a guest lists, the time limit is checked between them and a full
            // capture copies nothing more.
            HostBounds.checkDeadline("fd_write");
            long ptr = HostBounds.u32(m.readI32(iovs + 8 * i));
            long len = HostBounds.u32(m.readI32(iovs + 8 * i + 4));
            HostBounds.checkRange(m, ptr, len, "fd_write buffer");
            if (!target.full()) {
                byte[] bytes = m.read((int) ptr, (int) len);
                target.write(bytes, 0, bytes.length);
            } else if (len > 0 && target instanceof Capture c) {
                c.truncated = true;
            }
            written += len;
        }
        m.writeI32((int) a[3], (int) written);
        return OK;
    }

    /** Stdin is empty: every read is at its end. */
    private long[] fdRead(WasmInstance inst, long[] a) {
        if ((int) a[0] != 0 || !open(0)) {
            return errno(EBADF);
        }
        inst.memory().writeI32((int) a[3], 0);
        return OK;
    }

    private long[] fdstat(WasmInstance inst, long[] a) {
        int fd = (int) a[0];
        if (!open(fd)) {
            return errno(EBADF);
        }
        // A character device; rights: fd_read or fd_write, and poll_fd_readwrite.
        long rights = (fd == 0 ? 1L << 1 : 1L << 6) | 1L << 27;
        LinearMemory m = inst.memory();
        int at = (int) a[1];
        m.write(at, new byte[24]);
        m.writeByte(at, (byte) 2);
        m.writeI64(at + 8, rights);
        return OK;
    }

    /**
     * Waits for the earliest clock subscription; descriptor subscriptions are ready at once (stdin at
     * its end, stdout and stderr writable), and then nobody waits.
     */
    private long[] pollOneoff(WasmInstance inst, long[] a) {
        LinearMemory m = inst.memory();
        int in = (int) a[0];
        int out = (int) a[1];
        if (a[2] == 0) {
            return errno(EINVAL);
        }
        int n = HostBounds.checkArray(m, HostBounds.u32(in), HostBounds.u32(a[2]), 48, "poll_oneoff subscriptions");
        boolean anyFd = false;
        long earliest = Long.MAX_VALUE;
        long[] deadlines = new long[n];
        for (int i = 0; i < n; i++) {
            int sub = in + 48 * i;
            int tag = m.readByte(sub + 8);
            if (tag == 0) {
                int clock = m.readI32(sub + 16);
                long timeout = m.readI64(sub + 24);
                boolean absolute = (m.readByte(sub + 40) & 1) != 0;
                long start = knownClock(clock) ? now(clock) : 0;
                long deadlineNanos = System.nanoTime() + Math.max(0, absolute ? timeout - start : timeout);
                deadlines[i] = deadlineNanos;
                earliest = Math.min(earliest, deadlineNanos);
            } else {
                anyFd = true;
            }
        }
        if (!anyFd && earliest != Long.MAX_VALUE) {
            long wait = earliest - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new WasmInterrupted("interrupted in poll_oneoff", e);
                }
            }
        }
        long nowNanos = System.nanoTime();
        int events = 0;
        for (int i = 0; i < n; i++) {
            int sub = in + 48 * i;
            int tag = m.readByte(sub + 8);
            int error = ESUCCESS;
            if (tag == 0) {
                int clock = m.readI32(sub + 16);
                if (deadlines[i] > nowNanos) {
                    continue; // not due yet
                }
                if (!knownClock(clock)) {
                    error = EINVAL;
                }
            } else if (tag == 1 || tag == 2) {
                int fd = m.readI32(sub + 16);
                if (!(tag == 1 ? fd == 0 : fd == 1 || fd == 2) || !open(fd)) {
                    error = EBADF;
                }
            } else {
                error = EINVAL;
            }
            int ev = out + 32 * events++;
            m.write(ev, new byte[32]);
            m.writeI64(ev, m.readI64(sub));
            m.writeByte(ev + 8, (byte) error);
            m.writeByte(ev + 10, (byte) tag);
            if (tag == 1 && error == ESUCCESS) {
                m.writeByte(ev + 24, (byte) 1); // stdin hangs up: nothing will ever arrive
            }
        }
        m.writeI32((int) a[3], events);
        return OK;
    }

    private static byte[] cString(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        byte[] z = new byte[utf8.length + 1];
        System.arraycopy(utf8, 0, z, 0, utf8.length);
        return z;
    }

    /** An output stream that keeps the first {@link #OUTPUT_LIMIT} bytes and notes what it dropped. */
    private static final class Capture implements WasiOptions.OutputSink {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private boolean truncated;

        @Override
        public void write(byte[] b, int offset, int length) {
            int room = OUTPUT_LIMIT - bytes.size();
            if (length > room) {
                truncated = true;
            }
            bytes.write(b, offset, Math.max(0, Math.min(room, length)));
        }

        @Override
        public boolean full() {
            return bytes.size() >= OUTPUT_LIMIT;
        }

        void reset() {
            bytes.reset();
            truncated = false;
        }

        String text() {
            return bytes.toString(StandardCharsets.UTF_8) + (truncated ? "\n[output truncated at 16 MiB]" : "");
        }
    }

    private static Map<String, FunctionType> signatureTable() {
        Map<String, FunctionType> t = new LinkedHashMap<>();
        sig(t, "args_get", I32, I32);
        sig(t, "args_sizes_get", I32, I32);
        sig(t, "environ_get", I32, I32);
        sig(t, "environ_sizes_get", I32, I32);
        sig(t, "clock_res_get", I32, I32);
        sig(t, "clock_time_get", I32, I64, I32);
        sig(t, "fd_advise", I32, I64, I64, I32);
        sig(t, "fd_allocate", I32, I64, I64);
        sig(t, "fd_close", I32);
        sig(t, "fd_datasync", I32);
        sig(t, "fd_fdstat_get", I32, I32);
        sig(t, "fd_fdstat_set_flags", I32, I32);
        sig(t, "fd_fdstat_set_rights", I32, I64, I64);
        sig(t, "fd_filestat_get", I32, I32);
        sig(t, "fd_filestat_set_size", I32, I64);
        sig(t, "fd_filestat_set_times", I32, I64, I64, I32);
        sig(t, "fd_pread", I32, I32, I32, I64, I32);
        sig(t, "fd_prestat_get", I32, I32);
        sig(t, "fd_prestat_dir_name", I32, I32, I32);
        sig(t, "fd_pwrite", I32, I32, I32, I64, I32);
        sig(t, "fd_read", I32, I32, I32, I32);
        sig(t, "fd_readdir", I32, I32, I32, I64, I32);
        sig(t, "fd_renumber", I32, I32);
        sig(t, "fd_seek", I32, I64, I32, I32);
        sig(t, "fd_sync", I32);
        sig(t, "fd_tell", I32, I32);
        sig(t, "fd_write", I32, I32, I32, I32);
        sig(t, "path_create_directory", I32, I32, I32);
        sig(t, "path_filestat_get", I32, I32, I32, I32, I32);
        sig(t, "path_filestat_set_times", I32, I32, I32, I32, I64, I64, I32);
        sig(t, "path_link", I32, I32, I32, I32, I32, I32, I32);
        sig(t, "path_open", I32, I32, I32, I32, I32, I64, I64, I32, I32);
        sig(t, "path_readlink", I32, I32, I32, I32, I32, I32);
        sig(t, "path_remove_directory", I32, I32, I32);
        sig(t, "path_rename", I32, I32, I32, I32, I32, I32);
        sig(t, "path_symlink", I32, I32, I32, I32, I32);
        sig(t, "path_unlink_file", I32, I32, I32);
        sig(t, "poll_oneoff", I32, I32, I32, I32);
        t.put("proc_exit", FunctionType.of(List.of(I32), List.of()));
        sig(t, "proc_raise", I32);
        sig(t, "sched_yield");
        sig(t, "random_get", I32, I32);
        sig(t, "sock_accept", I32, I32, I32);
        sig(t, "sock_recv", I32, I32, I32, I32, I32, I32);
        sig(t, "sock_send", I32, I32, I32, I32, I32);
        sig(t, "sock_shutdown", I32, I32);
        // Not preview1 proper: the component adapter's extras, which Chicory offered and so hosts accepted.
        sig(t, "adapter_close_badfd", I32);
        sig(t, "adapter_open_badfd", I32);
        return Collections.unmodifiableMap(t);
    }

    /** A function returning an errno (i32). */
    private static void sig(Map<String, FunctionType> t, String name, ValueType... params) {
        t.put(name, FunctionType.of(List.of(params), List.of(I32)));
    }
}
