package dev.wasmtck.internal.host.wapc;

import dev.wasmtck.host.ModuleRule;
import dev.wasmtck.host.ModuleRules;
import dev.wasmtck.internal.host.wasmexec.JsModuleShape;
import dev.wasmtck.module.FunctionType;
import dev.wasmtck.module.ModuleShape;
import dev.wasmtck.module.ModuleShape.ExternKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What every module the waPC host runs has. A real waPC module (anything importing from {@code wapc},
 * and anything that is no Go or TinyGo js/wasm binary) has its own memory, {@code __guest_call}, and
 * imports from {@code wapc}, WASI preview1 (also as {@code wasi_unstable}) and {@code env.abort} only.
 * A Go or TinyGo js/wasm binary importing nothing from {@code wapc} is run through fake waPC, and has
 * what the wasm-exec host needs instead ({@link JsModuleShape}). {@link WapcHost#prepare} runs these
 * same rules as its link check, so a module passes them exactly when it links.
 */
final class WapcModuleRules {
    /** AssemblyScript's {@code abort(message, fileName, line, column)}, which waPC hosts provide. */
    static final FunctionType ABORT_SIGNATURE = FunctionType.parse("(i32, i32, i32, i32) -> ()");

    static final List<ModuleRule> RULES = rules();

    private WapcModuleRules() {}

    private static List<ModuleRule> rules() {
        return List.of(
                byShape("exports its memory", ModuleRules.exportsMemory("memory")::check, JsModuleShape::memoryProblems),
                byShape("exports its entry point", ModuleRules.exportsFunction("__guest_call", "the waPC entry point",
                        FunctionType.parse("(i32, i32) -> i32"))::check, JsModuleShape::entryProblems),
                ModuleRule.of("imports from wapc are waPC functions", m -> {
                    List<String> problems = new ArrayList<>();
                    for (ModuleShape.Import i : m.imports()) {
                        if (!i.module().equals(WapcHost.WAPC) || i.kind() != ExternKind.FUNCTION) {
                            continue;
                        }
                        FunctionType expected = WapcHost.IMPORTS.get(i.name());
                        if (expected == null) {
                            problems.add(m.name() + " imports " + i.qualifiedName() + ", which is not a waPC function;"
                                    + " waPC has " + new TreeSet<>(WapcHost.IMPORTS.keySet()));
                        } else if (!expected.equals(i.type())) {
                            problems.add(m.name() + " imports " + i.qualifiedName() + " as " + i.type()
                                    + ", but waPC defines it as " + expected);
                        }
                    }
                    return problems;
                }),
                byShape("imports only what a waPC host provides", WapcModuleRules::realImports,
                        JsModuleShape::importProblems));
    }

    /** What the rules recognised in {@code m}: waPC, or fake waPC over Go or TinyGo js/wasm. */
    static Optional<String> recognise(ModuleShape m) {
        Optional<JsModuleShape> js = JsModuleShape.of(m);
        if (js.isPresent()) {
            return Optional.of("fake waPC over " + js.get().describe(m));
        }
        List<String> init = new ArrayList<>();
        for (String name : WapcRun.INIT) {
            m.exportedFunction(name).ifPresent(e -> init.add(name));
        }
        return Optional.of("waPC" + (init.isEmpty() ? "" : ", initialised with " + String.join(" then ", init)));
    }

    private static List<String> realImports(ModuleShape m) {
        List<String> problems = new ArrayList<>(ModuleRules.nonFunctionImports(m));
        for (ModuleShape.Import i : m.imports()) {
            if (i.kind() != ExternKind.FUNCTION || i.module().equals(WapcHost.WAPC)
                    || WapcHost.WASI_MODULES.contains(i.module())) {
                continue;
            }
            if (i.module().equals("env") && i.name().equals("abort")) {
                if (!ABORT_SIGNATURE.equals(i.type())) {
                    problems.add(m.name() + " imports env.abort as " + i.type()
                            + ", but hosts provide it as " + ABORT_SIGNATURE);
                }
            } else {
                problems.add(m.name() + " imports " + i.qualifiedName() + " " + i.type()
                        + "; a waPC host provides only wapc.*, WASI preview1 (wasi_snapshot_preview1,"
                        + " wasi_unstable) and env.abort");
            }
        }
        return problems;
    }

    /** A rule checked by {@code real} on a waPC module and by {@code fake} on a fake-waPC one, saying which. */
    private static ModuleRule byShape(String id, Function<ModuleShape, List<String>> real,
            BiFunction<JsModuleShape, ModuleShape, List<String>> fake) {
        return ModuleRule.of(id, m -> {
            Optional<JsModuleShape> js = JsModuleShape.of(m);
            if (js.isEmpty()) {
                return real.apply(m);
            }
            return fake.apply(js.get(), m).stream().map(p -> "as fake waPC over " + js.get().describe(m) + ": " + p)
                    .toList();
        });
    }
}
