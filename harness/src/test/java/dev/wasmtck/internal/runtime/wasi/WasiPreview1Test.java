package dev.wasmtck.internal.runtime.wasi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.runtime.CompiledModule;
import dev.wasmtck.runtime.HostFunction;
import dev.wasmtck.runtime.LinearMemory;
import dev.wasmtck.internal.runtime.WasiExit;
import dev.wasmtck.runtime.WasmInstance;
import dev.wasmtck.runtime.WasmInterrupted;
import dev.wasmtck.internal.runtime.chicory.ChicoryRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each WASI function the hosts implement, called by a WAT guest that forwards to it (wasi-passthrough.wat). */
class WasiPreview1Test {
    private static CompiledModule module;

    private WasiPreview1 wasi;
    private WasmInstance instance;
    private LinearMemory memory;

    @BeforeAll
    static void compile() throws IOException, GuestFault {
        try (InputStream in = WasiPreview1Test.class.getResourceAsStream("/wat/wasi-passthrough.wasm")) {
            module = new ChicoryRuntime(false).compile("wasi-passthrough", in.readAllBytes());
        }
    }

    private void start(List<String> args, Map<String, String> env, Long seed) throws GuestFault {
        start(WasiOptions.builder().withArguments(args).withEnvironment(env).withRandomSeed(seed).build());
    }

    private void start(WasiOptions options) throws GuestFault {
        wasi = new WasiPreview1(options);
        List<HostFunction> functions = new ArrayList<>(wasi.functions(WasiPreview1.MODULE));
        functions.addAll(wasi.functions(WasiPreview1.UNSTABLE));
        instance = module.instantiate(functions, 1);
        memory = instance.memory();
    }

    private void start() throws GuestFault {
        start(List.of("guest"), Map.of(), null);
    }

    private int call(String name, long... args) {
        return (int) instance.function(name).call(args)[0];
    }

    private String cString(int at) {
        int end = at;
        while (memory.readByte(end) != 0) {
            end++;
        }
        return new String(memory.read(at, end - at), StandardCharsets.UTF_8);
    }

    @Test
    void argumentsAndEnvironment() throws GuestFault {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("K", "V");
        env.put("EMPTY", "");
        start(List.of("prog", "a b", "é"), env, null);
        assertEquals(0, call("args_sizes_get", 0, 4));
        assertEquals(3, memory.readI32(0));
        assertEquals(5 + 4 + 3, memory.readI32(4), "NUL-terminated UTF-8");
        assertEquals(0, call("args_get", 100, 200));
        assertEquals("prog", cString(memory.readI32(100)));
        assertEquals("a b", cString(memory.readI32(104)));
        assertEquals("é", cString(memory.readI32(108)));
        assertEquals(0, call("environ_sizes_get", 0, 4));
        assertEquals(2, memory.readI32(0));
        assertEquals(4 + 7, memory.readI32(4));
        assertEquals(0, call("environ_get", 300, 400));
        assertEquals("K=V", cString(memory.readI32(300)));
        assertEquals("EMPTY=", cString(memory.readI32(304)));
    }

    @Test
    void clocks() throws GuestFault {
        start();
        assertEquals(0, call("clock_res_get", 0, 8));
        assertTrue(memory.readI64(8) > 0);
        assertEquals(WasiPreview1.EINVAL, call("clock_res_get", 9, 8));
        long before = System.currentTimeMillis() * 1_000_000L;
        assertEquals(0, call("clock_time_get", 0, 1, 16));
        long after = (System.currentTimeMillis() + 1) * 1_000_000L;
        long wall = memory.readI64(16);
        assertTrue(wall >= before - 1_000_000 && wall <= after, wall + " not in " + before + ".." + after);
        assertEquals(0, call("clock_time_get", 1, 1, 16));
        long m1 = memory.readI64(16);
        assertEquals(0, call("clock_time_get", 1, 1, 16));
        assertTrue(memory.readI64(16) >= m1, "monotonic");
        assertEquals(WasiPreview1.EINVAL, call("clock_time_get", 7, 1, 16));
    }

    @Test
    void theCpuTimeClocksCountOnlyTheGuestThreadsCpu() throws Exception {
        start();
        assertEquals(0, call("clock_time_get", 1, 1, 16));
        long monotonic = memory.readI64(16);
        assertEquals(0, call("clock_time_get", 3, 1, 16));
        long cpu = memory.readI64(16);
        Thread.sleep(300); // wall time passes, this thread's CPU time hardly does
        assertEquals(0, call("clock_time_get", 1, 1, 16));
        assertTrue(memory.readI64(16) - monotonic >= 300_000_000L, "monotonic counts the sleep");
        assertEquals(0, call("clock_time_get", 3, 1, 16));
        long slept = memory.readI64(16) - cpu;
        assertTrue(slept >= 0 && slept < 150_000_000L, "thread CPU time went on by " + slept + " ns while asleep");
        assertEquals(0, call("clock_time_get", 2, 1, 16));
        assertTrue(memory.readI64(16) >= cpu, "process CPU-time clock reads the guest thread's too");
    }

    private void iovec(int at, int ptr, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        memory.write(ptr, bytes);
        memory.writeI32(at, ptr);
        memory.writeI32(at + 4, bytes.length);
    }

    @Test
    void writesAreCapturedPerStream() throws GuestFault {
        start();
        iovec(0, 1000, "hello, ");
        iovec(8, 2000, "world\n");
        assertEquals(0, call("fd_write", 1, 0, 2, 64));
        assertEquals(13, memory.readI32(64));
        iovec(0, 1000, "oops\n");
        assertEquals(0, call("fd_write", 2, 0, 1, 64));
        iovec(0, 1000, "old name\n");
        assertEquals(0, call("old_fd_write", 1, 0, 1, 64), "wasi_unstable.fd_write");
        assertEquals(WasiPreview1.EBADF, call("fd_write", 0, 0, 1, 64), "stdin is not writable");
        assertEquals(WasiPreview1.EBADF, call("fd_write", 5, 0, 1, 64));
        assertEquals("hello, world\nold name\n", wasi.stdout());
        assertEquals("oops\n", wasi.stderr());
    }

    @Test
    void stdinIsEmpty() throws GuestFault {
        start();
        memory.writeI32(64, 99);
        iovec(0, 1000, "xxxx");
        assertEquals(0, call("fd_read", 0, 0, 1, 64));
        assertEquals(0, memory.readI32(64), "end of input at once");
        assertEquals(WasiPreview1.EBADF, call("fd_read", 1, 0, 1, 64));
        assertEquals(WasiPreview1.EBADF, call("fd_read", 3, 0, 1, 64));
    }

    @Test
    void closeAndDescriptorStatus() throws GuestFault {
        start();
        assertEquals(0, call("fd_fdstat_get", 1, 0));
        assertEquals(2, memory.readByte(0), "a character device");
        assertTrue((memory.readI64(8) & (1L << 6)) != 0, "stdout may be written");
        assertEquals(0, call("fd_fdstat_get", 0, 0));
        assertTrue((memory.readI64(8) & (1L << 1)) != 0, "stdin may be read");
        assertEquals(WasiPreview1.EBADF, call("fd_fdstat_get", 3, 0));
        assertEquals(0, call("fd_fdstat_set_flags", 1, 4));
        assertEquals(WasiPreview1.EBADF, call("fd_fdstat_set_flags", 8, 4));
        assertEquals(0, call("fd_close", 1));
        assertEquals(WasiPreview1.EBADF, call("fd_close", 1), "closed already");
        iovec(0, 1000, "late");
        assertEquals(WasiPreview1.EBADF, call("fd_write", 1, 0, 1, 64));
        assertEquals(WasiPreview1.EBADF, call("fd_close", 9));
        assertEquals("", wasi.stdout());
    }

    @Test
    void noFileSystemAndNothingElse() throws GuestFault {
        start();
        assertEquals(WasiPreview1.EBADF, call("fd_prestat_get", 3, 0), "no preopened directory");
        assertEquals(WasiPreview1.EBADF, call("fd_prestat_dir_name", 3, 0, 16));
        assertEquals(WasiPreview1.ENOSYS, call("fd_seek", 1, 0, 0, 0));
        assertEquals(WasiPreview1.ENOSYS, call("path_open", 3, 0, 0, 4, 0, 0, 0, 0, 0));
        assertEquals(0, call("sched_yield"));
    }

    private void clockSubscription(int at, long userdata, long timeoutNanos) {
        memory.write(at, new byte[48]);
        memory.writeI64(at, userdata);
        memory.writeByte(at + 8, (byte) 0);
        memory.writeI32(at + 16, 1);
        memory.writeI64(at + 24, timeoutNanos);
    }

    @Test
    void pollSleepsUntilTheEarliestClock() throws GuestFault {
        start();
        clockSubscription(0, 11, 400_000_000L);
        clockSubscription(48, 22, 50_000_000L);
        long t0 = System.nanoTime();
        assertEquals(0, call("poll_oneoff", 0, 1000, 2, 2000));
        long slept = System.nanoTime() - t0;
        assertTrue(slept >= 50_000_000L && slept < 400_000_000L, "slept " + slept / 1_000_000 + " ms");
        assertEquals(1, memory.readI32(2000), "only the clock that is due");
        assertEquals(22, memory.readI64(1000));
        assertEquals(0, memory.readByte(1000 + 10), "type clock");
        assertEquals(WasiPreview1.EINVAL, call("poll_oneoff", 0, 1000, 0, 2000));
    }

    @Test
    void pollWithADescriptorDoesNotWait() throws GuestFault {
        start();
        clockSubscription(0, 1, 10_000_000_000L);
        memory.write(48, new byte[48]);
        memory.writeI64(48, 2);
        memory.writeByte(48 + 8, (byte) 1); // fd_read
        memory.writeI32(48 + 16, 0);
        long t0 = System.nanoTime();
        assertEquals(0, call("poll_oneoff", 0, 1000, 2, 2000));
        assertTrue(System.nanoTime() - t0 < 2_000_000_000L, "did not wait for the clock");
        assertEquals(1, memory.readI32(2000), "only the descriptor is ready");
        assertEquals(2, memory.readI64(1000));
        assertEquals(1, memory.readByte(1000 + 10), "type fd_read");
        assertEquals(0, memory.readByte(1000 + 8), "no error");
    }

    @Test
    void pollIsInterruptible() throws Exception {
        start();
        clockSubscription(0, 1, 60_000_000_000L);
        Throwable[] thrown = new Throwable[1];
        Thread t = new Thread(() -> {
            try {
                call("poll_oneoff", 0, 1000, 1, 2000);
            } catch (Throwable e) {
                thrown[0] = e;
            }
        });
        t.start();
        Thread.sleep(100);
        t.interrupt();
        t.join(5000);
        assertFalse(t.isAlive());
        assertTrue(thrown[0] instanceof WasmInterrupted, String.valueOf(thrown[0]));
    }

    @Test
    void procExitUnwindsWithTheCode() throws GuestFault {
        start();
        WasiExit exit = assertThrows(WasiExit.class, () -> instance.function("proc_exit").call(3));
        assertEquals(3, exit.exitCode());
    }

    @Test
    void optionsChooseTheSinksTheClocksAndWhatAnExitDoes() throws GuestFault {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int[] exited = {-1};
        start(WasiOptions.builder()
                .withStdout(out::write)
                .withClocks(new WasiOptions.Clocks() {
                    @Override
                    public long realtimeNanos() {
                        return 42;
                    }

                    @Override
                    public long monotonicNanos() {
                        return 7;
                    }
                })
                .withExitHandler(code -> exited[0] = code)
                .build());
        iovec(0, 1000, "to the sink\n");
        assertEquals(0, call("fd_write", 1, 0, 1, 64));
        assertEquals("to the sink\n", out.toString(StandardCharsets.UTF_8));
        assertEquals("", wasi.stdout(), "nothing captured when stdout has a sink");
        assertEquals(0, call("clock_time_get", 0, 1, 16));
        assertEquals(42, memory.readI64(16));
        assertEquals(0, call("clock_time_get", 1, 1, 16));
        assertEquals(7, memory.readI64(16));
        WasiExit exit = assertThrows(WasiExit.class, () -> instance.function("proc_exit").call(5));
        assertEquals(5, exit.exitCode());
        assertEquals(5, exited[0], "the exit handler ran before the unwinding");
    }

    @Test
    void randomIsSeededPerCaseWhenAsked() throws GuestFault {
        start(List.of("g"), Map.of(), 42L);
        assertEquals(0, call("random_get", 0, 16));
        byte[] first = memory.read(0, 16);
        start(List.of("g"), Map.of(), 42L);
        call("random_get", 0, 16);
        assertArrayEquals(first, memory.read(0, 16), "same seed, same bytes");
        start();
        call("random_get", 0, 16);
        assertFalse(java.util.Arrays.equals(first, memory.read(0, 16)));
    }

    @Test
    void outputIsBounded() throws GuestFault {
        start();
        byte[] chunk = new byte[9 << 20];
        wasi.write(1, chunk);
        wasi.write(1, chunk);
        assertTrue(wasi.stdout().endsWith("[output truncated at 16 MiB]"));
        assertEquals(WasiPreview1.OUTPUT_LIMIT + "\n[output truncated at 16 MiB]".length(), wasi.stdout().length());
    }
}
