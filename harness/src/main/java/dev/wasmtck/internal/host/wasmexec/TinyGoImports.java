package dev.wasmtck.internal.host.wasmexec;

import dev.wasmtck.module.FunctionType;
import dev.wasmtck.module.ModuleShape;
import dev.wasmtck.module.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The import surface of TinyGo's {@code -target wasm} binaries (TinyGo's own {@code wasm_exec.js}
 * variant): the {@code syscall/js} and runtime functions with ordinary wasm parameters (a string or
 * slice is pointer and length, several results go through a return pointer passed first), from module
 * {@code gojs} ({@code env} in builds against Go 1.20 and older), plus WASI preview1 (the kit's one
 * {@link dev.wasmtck.internal.runtime.wasi.WasiPreview1}, which owns its signatures). As with Go, a binary imports
 * only what it uses.
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
         * takes a return pointer first. The i64 workaround of TinyGo up to 0.28 (2023), from when
         * browsers could not pass i64 to JS.
         */
        REF_ADDRESSES("JS values by address (TinyGo 0.28 and older)");

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

    /**
     * Output before TinyGo 0.12 (2019), from module {@code env} only: {@code io_get_stdout} names the
     * descriptor the runtime then hands to {@code resource_write(fd, ptr, len)}, byte by byte. A build
     * importing either is of that generation ({@link #beforeWasi}).
     */
    static final Map<String, FunctionType> PRE_WASI_OUTPUT = Map.of(
            "io_get_stdout", sig("", "i32"),
            "resource_write", sig("i32 i32 i32", "i32"));

    /**
     * Whether {@code m} is a TinyGo build from before 0.12: output through {@link #PRE_WASI_OUTPUT}, the
     * program run by the export {@code cwa_main} ({@code _start} only initialises), and the reference table
     * of Go 1.12's era (the Go object at id 7).
     */
    static boolean beforeWasi(ModuleShape m) {
        return m.imports().stream().anyMatch(i -> i.kind() == ModuleShape.ExternKind.FUNCTION
                && i.module().equals(ENV) && PRE_WASI_OUTPUT.containsKey(i.name()));
    }

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

    private TinyGoImports() {}

    static boolean isJsModule(String module) {
        return module.equals(GOJS) || module.equals(ENV);
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
