package dev.wasmtck.host.wasmexec;

import dev.wasmtck.runtime.FunctionType;
import dev.wasmtck.runtime.ModuleShape;
import dev.wasmtck.runtime.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The import surface of TinyGo's {@code -target wasm} binaries (TinyGo's own {@code wasm_exec.js}
 * variant): the {@code syscall/js} and runtime functions with ordinary wasm parameters (a JS value is
 * an i64 NaN-boxed reference, a string or slice is pointer and length, several results go through a
 * return pointer passed first), from module {@code gojs} ({@code env} in builds for Go 1.20 and
 * older), plus a WASI preview1 subset. As with Go, a binary imports only what it uses.
 */
final class TinyGoImports {
    static final String GOJS = "gojs";
    /** The module name of TinyGo builds made against Go 1.20 and older. */
    static final String ENV = "env";
    static final String WASI = "wasi_snapshot_preview1";
    /** The preview0 name old TinyGo builds use for the same functions. */
    static final String WASI_UNSTABLE = "wasi_unstable";

    /** Function name to the signatures it may have. {@code runtime.ticks} and {@code sleepTicks} changed type over time. */
    static final Map<String, List<FunctionType>> JS_FUNCTIONS = Map.ofEntries(
            // ticks are nanoseconds since the epoch as i64 in current TinyGo, milliseconds as f64 in old builds.
            Map.entry("runtime.ticks", List.of(sig("", "i64"), sig("", "f64"))),
            Map.entry("runtime.sleepTicks", List.of(sig("i64", ""), sig("f64", ""))),
            Map.entry("runtime.getRandomData", List.of(sig("i32 i32 i32", ""))),
            Map.entry("syscall/js.finalizeRef", List.of(sig("i64", ""))),
            Map.entry("syscall/js.stringVal", List.of(sig("i32 i32", "i64"))),
            Map.entry("syscall/js.valueGet", List.of(sig("i64 i32 i32", "i64"))),
            Map.entry("syscall/js.valueSet", List.of(sig("i64 i32 i32 i64", ""))),
            Map.entry("syscall/js.valueDelete", List.of(sig("i64 i32 i32", ""))),
            Map.entry("syscall/js.valueIndex", List.of(sig("i64 i32", "i64"))),
            Map.entry("syscall/js.valueSetIndex", List.of(sig("i64 i32 i64", ""))),
            Map.entry("syscall/js.valueCall", List.of(sig("i32 i64 i32 i32 i32 i32 i32", ""))),
            Map.entry("syscall/js.valueInvoke", List.of(sig("i32 i64 i32 i32 i32", ""))),
            Map.entry("syscall/js.valueNew", List.of(sig("i32 i64 i32 i32 i32", ""))),
            Map.entry("syscall/js.valueLength", List.of(sig("i64", "i32"))),
            Map.entry("syscall/js.valuePrepareString", List.of(sig("i32 i64", ""))),
            Map.entry("syscall/js.valueLoadString", List.of(sig("i64 i32 i32 i32", ""))),
            Map.entry("syscall/js.valueInstanceOf", List.of(sig("i64 i64", "i32"))),
            Map.entry("syscall/js.copyBytesToGo", List.of(sig("i32 i32 i32 i32 i64", ""))),
            Map.entry("syscall/js.copyBytesToJS", List.of(sig("i32 i64 i32 i32 i32", ""))));

    /**
     * WASI preview1 functions and their signatures. The host implements output, clocks, randomness,
     * arguments, environment and exit; the rest answer ENOSYS (or EBADF where wasi-libc relies on it),
     * so a guest sees no files, sockets or other processes.
     */
    static final Map<String, FunctionType> WASI_FUNCTIONS = Map.ofEntries(
            Map.entry("args_get", sig("i32 i32", "i32")),
            Map.entry("args_sizes_get", sig("i32 i32", "i32")),
            Map.entry("environ_get", sig("i32 i32", "i32")),
            Map.entry("environ_sizes_get", sig("i32 i32", "i32")),
            Map.entry("clock_res_get", sig("i32 i32", "i32")),
            Map.entry("clock_time_get", sig("i32 i64 i32", "i32")),
            Map.entry("fd_advise", sig("i32 i64 i64 i32", "i32")),
            Map.entry("fd_allocate", sig("i32 i64 i64", "i32")),
            Map.entry("fd_close", sig("i32", "i32")),
            Map.entry("fd_datasync", sig("i32", "i32")),
            Map.entry("fd_fdstat_get", sig("i32 i32", "i32")),
            Map.entry("fd_fdstat_set_flags", sig("i32 i32", "i32")),
            Map.entry("fd_fdstat_set_rights", sig("i32 i64 i64", "i32")),
            Map.entry("fd_filestat_get", sig("i32 i32", "i32")),
            Map.entry("fd_filestat_set_size", sig("i32 i64", "i32")),
            Map.entry("fd_filestat_set_times", sig("i32 i64 i64 i32", "i32")),
            Map.entry("fd_pread", sig("i32 i32 i32 i64 i32", "i32")),
            Map.entry("fd_prestat_get", sig("i32 i32", "i32")),
            Map.entry("fd_prestat_dir_name", sig("i32 i32 i32", "i32")),
            Map.entry("fd_pwrite", sig("i32 i32 i32 i64 i32", "i32")),
            Map.entry("fd_read", sig("i32 i32 i32 i32", "i32")),
            Map.entry("fd_readdir", sig("i32 i32 i32 i64 i32", "i32")),
            Map.entry("fd_renumber", sig("i32 i32", "i32")),
            Map.entry("fd_seek", sig("i32 i64 i32 i32", "i32")),
            Map.entry("fd_sync", sig("i32", "i32")),
            Map.entry("fd_tell", sig("i32 i32", "i32")),
            Map.entry("fd_write", sig("i32 i32 i32 i32", "i32")),
            Map.entry("path_create_directory", sig("i32 i32 i32", "i32")),
            Map.entry("path_filestat_get", sig("i32 i32 i32 i32 i32", "i32")),
            Map.entry("path_filestat_set_times", sig("i32 i32 i32 i32 i64 i64 i32", "i32")),
            Map.entry("path_link", sig("i32 i32 i32 i32 i32 i32 i32", "i32")),
            Map.entry("path_open", sig("i32 i32 i32 i32 i32 i64 i64 i32 i32", "i32")),
            Map.entry("path_readlink", sig("i32 i32 i32 i32 i32 i32", "i32")),
            Map.entry("path_remove_directory", sig("i32 i32 i32", "i32")),
            Map.entry("path_rename", sig("i32 i32 i32 i32 i32 i32", "i32")),
            Map.entry("path_symlink", sig("i32 i32 i32 i32 i32", "i32")),
            Map.entry("path_unlink_file", sig("i32 i32 i32", "i32")),
            Map.entry("poll_oneoff", sig("i32 i32 i32 i32", "i32")),
            Map.entry("proc_exit", sig("i32", "")),
            Map.entry("proc_raise", sig("i32", "i32")),
            Map.entry("random_get", sig("i32 i32", "i32")),
            Map.entry("sched_yield", sig("", "i32")),
            Map.entry("sock_accept", sig("i32 i32 i32", "i32")),
            Map.entry("sock_recv", sig("i32 i32 i32 i32 i32 i32", "i32")),
            Map.entry("sock_send", sig("i32 i32 i32 i32 i32", "i32")),
            Map.entry("sock_shutdown", sig("i32 i32", "i32")));

    /** Exports only TinyGo's js/wasm runtime has: the scheduler's wake-up and the event handler. */
    private static final Set<String> MARKER_EXPORTS = Set.of("go_scheduler", "resume");

    private TinyGoImports() {}

    /**
     * Whether {@code module} is a TinyGo js/wasm program: no Go stack pointer export ({@code getsp}),
     * and either TinyGo's scheduler or event exports or an import of TinyGo's js functions. A WASI
     * program that imports {@code env.abort} (AssemblyScript) is not one.
     */
    static boolean isTinyGo(ModuleShape module) {
        if (module.exportedFunction("getsp").isPresent()) {
            return false;
        }
        for (String name : MARKER_EXPORTS) {
            if (module.exportedFunction(name).isPresent()) {
                return true;
            }
        }
        return module.functionImports().stream().anyMatch(f -> isJsModule(f.module()) && JS_FUNCTIONS.containsKey(f.name()));
    }

    static boolean isJsModule(String module) {
        return module.equals(GOJS) || module.equals(ENV);
    }

    static boolean isWasiModule(String module) {
        return module.equals(WASI) || module.equals(WASI_UNSTABLE);
    }

    /** A signature from space-separated type names, e.g. {@code sig("i64 i32", "i64")}. */
    private static FunctionType sig(String params, String results) {
        return FunctionType.of(types(params), types(results));
    }

    private static List<ValueType> types(String names) {
        List<ValueType> types = new ArrayList<>();
        for (String n : names.trim().split(" +")) {
            switch (n) {
                case "" -> { }
                case "i32" -> types.add(ValueType.I32);
                case "i64" -> types.add(ValueType.I64);
                case "f64" -> types.add(ValueType.F64);
                default -> throw new IllegalArgumentException(n);
            }
        }
        return types;
    }
}
