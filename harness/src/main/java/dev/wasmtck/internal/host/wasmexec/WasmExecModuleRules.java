package dev.wasmtck.internal.host.wasmexec;

import dev.wasmtck.host.ModuleRule;
import dev.wasmtck.module.ModuleShape;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * What every module the wasm-exec host runs has, by its {@link JsModuleShape}: a Go
 * {@code GOOS=js GOARCH=wasm} binary ({@code mem}, {@code run}, {@code resume}, {@code getsp}, imports
 * from {@code gojs} or {@code go} taking the stack pointer) or a TinyGo {@code -target wasm} one
 * ({@code memory}, {@code _start} or {@code _initialize}, {@code resume}, {@code go_scheduler}, TinyGo's
 * imports in either of its calling conventions, WASI). {@link WasmExecHost#prepare} runs these same rules
 * as its link check.
 * A module of neither shape is checked as a Go one, so each rule says what is missing.
 */
final class WasmExecModuleRules {
    static final List<ModuleRule> RULES = rules();

    private WasmExecModuleRules() {}

    private static List<ModuleRule> rules() {
        return List.of(
                ModuleRule.of("is a Go or TinyGo js/wasm module", m -> JsModuleShape.of(m).isPresent() ? List.of()
                        : List.of(m.name() + " is neither a Go js/wasm module (exports getsp and resume) nor a TinyGo"
                                + " one (exports go_scheduler or resume, or imports TinyGo's syscall/js or runtime"
                                + " functions from gojs or env, or its pre-0.12 output functions from env)"
                                + (m.importsFrom("wapc")
                                        ? "; it imports from wapc, so it is a waPC guest" : ""))),
                byShape("exports its memory", JsModuleShape::memoryProblems),
                byShape("exports its entry points", JsModuleShape::entryProblems),
                byShape("imports only js/wasm functions", JsModuleShape::importProblems));
    }

    /** What the rules recognised in {@code m}, for the report. */
    static Optional<String> recognise(ModuleShape m) {
        return JsModuleShape.of(m).map(s -> s.describe(m));
    }

    private static ModuleRule byShape(String id, BiFunction<JsModuleShape, ModuleShape, List<String>> check) {
        return ModuleRule.of(id, m -> {
            JsModuleShape shape = JsModuleShape.of(m).orElse(JsModuleShape.GO);
            return check.apply(shape, m).stream().map(p -> "as " + shape.describe(m) + ": " + p).toList();
        });
    }
}
