package dev.wasmtck.host.wasmexec;

import dev.wasmtck.module.FunctionType;
import dev.wasmtck.module.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The import surface of TinyGo's {@code -target wasm} binaries (TinyGo's own {@code wasm_exec.js}
 * variant): the {@code syscall/js} and runtime functions with ordinary wasm parameters (a string or
 * slice is pointer and length, several results go through a return pointer passed first), from module
 * {@code gojs} ({@code env} in builds against Go 1.20 and older), plus a WASI preview1 subset. As with
 * Go, a binary imports only what it uses.
 *
 * <p>TinyGo's glue has passed JS values in two ways over its history ({@link Convention}); each
 * {@code syscall/js} function is described once here ({@link JsFunction}), and the signature it has
 * under either convention is derived from that description, so the host's link check, its import
 * adapters and the structural rules read the same table.
 */
final class TinyGoImports {
    static final String GOJS = "gojs";
    /** The module name of TinyGo builds made against Go 1.20 and older. */
    static final String ENV = "env";
    static final String WASI = "wasi_snapshot_preview1";
    /** The preview0 name old TinyGo builds use for the same functions. */
    static final String WASI_UNSTABLE = "wasi_unstable";
    /**
     * TinyGo appends its own parameters to functions it does not export: the closure context, and up
     * to TinyGo 0.21 the parent goroutine handle. They reach the imports of builds whose
     * {@code syscall/js} functions are plain bodyless Go functions; the glue ignores them.
     */
    static final int MAX_TRAILING = 2;

    /** What a parameter or result of a {@code syscall/js} function is. */
    enum Slot { REF, I32 }

    /**
     * One {@code syscall/js} function as TinyGo's glue sees it: its parameters (strings and slices
     * already split into i32 pointer, length and capacity; a return pointer where Go returns two
     * values) and its result, a JS value ({@link Slot#REF}), an i32, or nothing (null).
     */
    record JsFunction(List<Slot> params, Slot result) {
        boolean returnsRef() {
            return result == Slot.REF;
        }
    }

    /** How a build passes JS values, told from its import signatures. */
    enum Convention {
        /**
         * A JS value is an i64 parameter or result (wasm BigInt integration): TinyGo 0.29 (2023) and
         * later, after TinyGo dropped its i64 workaround.
         */
        REF_VALUES("JS values as i64 (TinyGo 0.29 and later)"),
        /**
         * A JS value lives in linear memory and the import gets its address; a function returning one
         * takes a return pointer first. The i64 workaround of TinyGo 0.12 (2020) to 0.28 (2023), from
         * when browsers could not pass i64 to JS.
         */
        REF_ADDRESSES("JS values by address (TinyGo 0.12 to 0.28)");

        final String description;

        Convention(String description) {
            this.description = description;
        }

        /** The wasm signature of {@code fn} under this convention, with {@code trailing} extra i32 parameters. */
        FunctionType type(JsFunction fn, int trailing) {
            List<ValueType> params = new ArrayList<>();
            List<ValueType> results = new ArrayList<>();
            if (this == REF_ADDRESSES && fn.returnsRef()) {
                params.add(ValueType.I32);
            } else if (fn.result() != null) {
                results.add(fn.returnsRef() ? ValueType.I64 : ValueType.I32);
            }
            for (Slot s : fn.params()) {
                params.add(s == Slot.REF && this == REF_VALUES ? ValueType.I64 : ValueType.I32);
            }
            for (int i = 0; i < trailing; i++) {
                params.add(ValueType.I32);
            }
            return FunctionType.of(params, results);
        }
    }

    private static final Slot R = Slot.REF;
    private static final Slot I = Slot.I32;

    /** The {@code syscall/js} functions of TinyGo's glue. */
    static final Map<String, JsFunction> SYSCALL_JS = Map.ofEntries(
            js("finalizeRef", null, R),
            js("stringVal", R, I, I),
            js("valueGet", R, R, I, I),
            js("valueSet", null, R, I, I, R),
            js("valueDelete", null, R, I, I),
            js("valueIndex", R, R, I),
            js("valueSetIndex", null, R, I, R),
            // ret (value at +0, ok byte at +8), target, method, args (ptr, len, cap)
            js("valueCall", null, I, R, I, I, I, I, I),
            js("valueInvoke", null, I, R, I, I, I),
            js("valueNew", null, I, R, I, I, I),
            js("valueLength", I, R),
            // ret (value at +0, length i32 at +8)
            js("valuePrepareString", null, I, R),
            js("valueLoadString", null, R, I, I, I),
            js("valueInstanceOf", I, R, R),
            // ret (count i32 at +0, ok byte at +4), dst (ptr, len, cap), src
            js("copyBytesToGo", null, I, I, I, I, R),
            js("copyBytesToJS", null, I, R, I, I, I));

    /** The runtime's imports and the signatures each may have: ticks changed type over time. */
    static final Map<String, List<FunctionType>> RUNTIME_FUNCTIONS = Map.of(
            // ticks are nanoseconds since the epoch as i64 in current TinyGo, milliseconds as f64 before.
            "runtime.ticks", List.of(sig("", "i64"), sig("", "f64")),
            "runtime.sleepTicks", List.of(sig("i64", ""), sig("f64", "")),
            "runtime.getRandomData", List.of(sig("i32 i32 i32", "")));

    private static Map.Entry<String, JsFunction> js(String name, Slot result, Slot... params) {
        return Map.entry("syscall/js." + name, new JsFunction(List.of(params), result));
    }

    /** The convention an import of {@code syscall/js} function {@code name} with signature {@code type} uses, if any. */
    static Optional<Convention> conventionOf(String name, FunctionType type) {
        JsFunction fn = SYSCALL_JS.get(name);
        if (fn == null) {
            return Optional.empty();
        }
        for (Convention c : Convention.values()) {
            for (int trailing = 0; trailing <= MAX_TRAILING; trailing++) {
                if (c.type(fn, trailing).equals(type)) {
                    return Optional.of(c);
                }
            }
        }
        return Optional.empty();
    }

    /** What a {@code syscall/js} import must look like, for messages. */
    static String expected(String name) {
        JsFunction fn = SYSCALL_JS.get(name);
        List<String> forms = new ArrayList<>();
        for (Convention c : Convention.values()) {
            forms.add(c.type(fn, 0) + " (" + c.description + ")");
        }
        return String.join(" or ", forms) + ", either followed by at most " + MAX_TRAILING
                + " i32 parameters TinyGo appends";
    }

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

    private TinyGoImports() {}

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
