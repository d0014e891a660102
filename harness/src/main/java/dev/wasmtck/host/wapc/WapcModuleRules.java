package dev.wasmtck.host.wapc;

import dev.wasmtck.host.ModuleRule;
import dev.wasmtck.host.ModuleRules;
import dev.wasmtck.host.ModuleShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What every waPC module has: its own memory, {@code __guest_call}, and imports from {@code wapc},
 * WASI preview1 (also as {@code wasi_unstable}) and {@code env.abort} only. A Go js/wasm binary
 * ("fake waPC", a compatibility mode of the reference host) is not a waPC module and fails them.
 */
final class WapcModuleRules {
    static final String ABORT_SIGNATURE = "(i32, i32, i32, i32) -> ()";

    private WapcModuleRules() {}

    static List<ModuleRule> rules() {
        Map<String, String> wapc = new TreeMap<>();
        WapcHost.IMPORTS.forEach((name, type) -> wapc.put(name, type.toString()));
        return List.of(
                ModuleRules.exportsMemory("memory"),
                ModuleRules.exportsFunction("__guest_call", "the waPC entry point", "(i32, i32) -> i32"),
                ModuleRule.of("imports from wapc are waPC functions", m -> {
                    List<String> problems = new ArrayList<>();
                    for (ModuleShape.Import i : m.imports()) {
                        if (!i.module().equals(WapcHost.WAPC) || i.kind() != ModuleShape.Kind.FUNCTION) {
                            continue;
                        }
                        String expected = wapc.get(i.name());
                        if (expected == null) {
                            problems.add(m.name() + " imports " + i.qualifiedName() + ", which is not a waPC function;"
                                    + " waPC has " + wapc.keySet());
                        } else if (!expected.equals(i.signature())) {
                            problems.add(m.name() + " imports " + i.qualifiedName() + " as " + i.signature()
                                    + ", but waPC defines it as " + expected);
                        }
                    }
                    return problems;
                }),
                ModuleRule.of("imports only wapc, WASI preview1 and env.abort", m -> {
                    List<String> problems = new ArrayList<>(ModuleRules.nonFunctionImports(m));
                    for (ModuleShape.Import i : m.imports()) {
                        if (i.kind() != ModuleShape.Kind.FUNCTION || i.module().equals(WapcHost.WAPC)
                                || WapcHost.WASI_MODULES.contains(i.module())) {
                            continue;
                        }
                        if (i.module().equals("env") && i.name().equals("abort")) {
                            if (!ABORT_SIGNATURE.equals(i.signature())) {
                                problems.add(m.name() + " imports env.abort as " + i.signature()
                                        + ", but hosts provide it as " + ABORT_SIGNATURE);
                            }
                        } else {
                            problems.add(m.name() + " imports " + i.qualifiedName() + " " + i.signature()
                                    + "; a waPC host provides only wapc.*, WASI preview1 (wasi_snapshot_preview1,"
                                    + " wasi_unstable) and env.abort");
                        }
                    }
                    return problems;
                }));
    }
}
