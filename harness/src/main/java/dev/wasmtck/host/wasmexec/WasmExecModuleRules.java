package dev.wasmtck.host.wasmexec;

import dev.wasmtck.host.ModuleRule;
import dev.wasmtck.host.ModuleRules;
import dev.wasmtck.host.ModuleShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What every Go {@code GOOS=js GOARCH=wasm} binary has: {@code mem}, {@code run}, {@code resume},
 * {@code getsp}, and function imports from one of {@code gojs} (Go 1.21+) or {@code go} (older), each
 * taking the stack pointer. TinyGo's variant of the ABI is different and fails these rules.
 */
final class WasmExecModuleRules {
    static final String SP_SIGNATURE = "(i32) -> ()";

    private WasmExecModuleRules() {}

    static List<ModuleRule> rules() {
        return List.of(
                ModuleRules.exportsMemory("mem"),
                ModuleRules.exportsFunction("run", "Go's entry point", "(i32, i32) -> ()"),
                ModuleRules.exportsFunction("resume", "Go's event handler", "() -> ()"),
                ModuleRules.exportsFunction("getsp", "Go's stack pointer", "() -> i32"),
                ModuleRule.of("imports only Go's js/wasm functions", m -> {
                    List<String> problems = new ArrayList<>(ModuleRules.nonFunctionImports(m));
                    Set<String> goModules = new TreeSet<>();
                    for (ModuleShape.Import i : m.imports()) {
                        if (i.kind() != ModuleShape.Kind.FUNCTION) {
                            continue;
                        }
                        boolean goModule = i.module().equals(GoImports.GOJS) || i.module().equals(GoImports.GO);
                        if (goModule && GoImports.SP_FUNCTIONS.contains(i.name())) {
                            goModules.add(i.module());
                            if (!SP_SIGNATURE.equals(i.signature())) {
                                problems.add(m.name() + " imports " + i.qualifiedName() + " as " + i.signature()
                                        + ", but Go's js/wasm imports all take the stack pointer: " + SP_SIGNATURE);
                            }
                        } else if (!(i.module().equals(GoImports.GOTEST) && GoImports.GOTEST_FUNCTIONS.contains(i.name()))) {
                            problems.add(m.name() + " imports " + i.qualifiedName() + " " + i.signature()
                                    + ", which is not part of Go's js/wasm ABI (module gojs, or go before Go 1.21)");
                        }
                    }
                    if (goModules.size() > 1) {
                        problems.add(m.name() + " imports from both " + goModules
                                + "; a Go binary uses gojs (Go 1.21+) or go (older), never both");
                    }
                    return problems;
                }));
    }
}
