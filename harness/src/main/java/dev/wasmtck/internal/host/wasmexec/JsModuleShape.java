package dev.wasmtck.internal.host.wasmexec;

import dev.wasmtck.host.ModuleRules;
import dev.wasmtck.module.FunctionType;
import dev.wasmtck.module.ModuleShape;
import dev.wasmtck.module.ModuleShape.ExternKind;
import dev.wasmtck.module.ModuleShape.Import;
import dev.wasmtck.internal.runtime.wasi.WasiPreview1;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The two shapes of js/wasm module the wasm-exec host runs, told apart by exports and imports, and what
 * each must have: what the structural rules of wasm-exec (and of waPC, for fake waPC) ask, and so what
 * both hosts link, since their {@code prepare} runs those rules.
 */
public enum JsModuleShape {
    /** Go's own port: {@code mem}, {@code run}, {@code resume}, {@code getsp}; every import takes the stack pointer. */
    GO,
    /** TinyGo's {@code -target wasm}: {@code memory}, {@code _start} or {@code _initialize}, ordinary wasm parameters, WASI. */
    TINYGO;

    static final FunctionType SP_SIGNATURE = FunctionType.parse("(i32) -> ()");
    private static final FunctionType NOTHING = FunctionType.parse("() -> ()");
    /** Exports only TinyGo's js/wasm runtime has: the scheduler's wake-up and the event handler. */
    private static final Set<String> TINYGO_EXPORTS = Set.of("go_scheduler", "resume");

    /**
     * The shape of {@code m}: Go when it exports {@code getsp} and {@code resume}; TinyGo when it has no
     * {@code getsp} and exports {@code go_scheduler} or {@code resume} or imports one of TinyGo's js
     * functions; otherwise neither. A module importing from {@code wapc} is a waPC guest, whatever it
     * exports (TinyGo's {@code -target wasm} waPC guests export {@code resume} too).
     */
    public static Optional<JsModuleShape> of(ModuleShape m) {
        if (m.importsFrom("wapc")) {
            return Optional.empty();
        }
        if (function(m, "getsp")) {
            return function(m, "resume") ? Optional.of(GO) : Optional.empty();
        }
        boolean tinyGo = TINYGO_EXPORTS.stream().anyMatch(e -> function(m, e))
                || m.imports().stream().anyMatch(i -> i.kind() == ExternKind.FUNCTION && TinyGoImports.isJsModule(i.module())
                        && (TinyGoImports.SYSCALL_JS.containsKey(i.name())
                                || TinyGoImports.RUNTIME_FUNCTIONS.containsKey(i.name())))
                || TinyGoImports.beforeWasi(m);
        return tinyGo ? Optional.of(TINYGO) : Optional.empty();
    }

    private static boolean function(ModuleShape m, String name) {
        return m.export(name).map(e -> e.kind() == ExternKind.FUNCTION).orElse(false);
    }

    /** What the shape is, for test names and messages, e.g. "TinyGo js/wasm, JS values by address (TinyGo 0.28 and older)". */
    public String describe(ModuleShape m) {
        if (this == GO) {
            Set<String> modules = new TreeSet<>();
            m.imports().stream().filter(i -> i.module().equals(GoImports.GOJS) || i.module().equals(GoImports.GO))
                    .forEach(i -> modules.add(i.module()));
            return "Go js/wasm" + (modules.isEmpty() ? "" : " (module " + String.join(", ", modules) + ")");
        }
        Set<String> conventions = new TreeSet<>();
        for (Import i : m.imports()) {
            if (i.kind() == ExternKind.FUNCTION && TinyGoImports.isJsModule(i.module())) {
                TinyGoImports.conventionOf(i.name(), i.type()).ifPresent(c -> conventions.add(c.description));
            }
        }
        return "TinyGo js/wasm" + (TinyGoImports.beforeWasi(m) ? " before 0.12 (resource_write output, cwa_main)" : "")
                + (conventions.isEmpty() ? "" : ", " + String.join(" and ", conventions));
    }

    /** Every way {@code m} lacks the memory export of this shape. */
    public List<String> memoryProblems(ModuleShape m) {
        return ModuleRules.exportsMemory(this == GO ? "mem" : "memory").check(m);
    }

    /** Every way {@code m} lacks the entry points of this shape. */
    public List<String> entryProblems(ModuleShape m) {
        List<String> problems = new ArrayList<>();
        if (this == GO) {
            problems.addAll(ModuleRules.exportsFunction("run", "Go's entry point", FunctionType.parse("(i32, i32) -> ()")).check(m));
            problems.addAll(ModuleRules.exportsFunction("resume", "Go's event handler", NOTHING).check(m));
            problems.addAll(ModuleRules.exportsFunction("getsp", "Go's stack pointer", FunctionType.parse("() -> i32")).check(m));
            return problems;
        }
        if (TinyGoImports.beforeWasi(m)) {
            problems.addAll(ModuleRules.exportsFunction("cwa_main", "the entry point of TinyGo before 0.12", NOTHING)
                    .check(m));
        } else {
            problems.addAll(ModuleRules.exportsFunction(function(m, "_start") || !function(m, "_initialize") ? "_start"
                    : "_initialize", "TinyGo's entry point (_start for a command, _initialize for a reactor)", NOTHING)
                    .check(m));
        }
        // resume is needed once the program can hand JS a function; go_scheduler once it can sleep.
        boolean usesJs = m.imports().stream().anyMatch(i -> i.name().startsWith("syscall/js."));
        boolean sleeps = m.imports().stream().anyMatch(i -> i.name().equals("runtime.sleepTicks"));
        if (usesJs || m.export("resume").isPresent()) {
            problems.addAll(ModuleRules.exportsFunction("resume", "TinyGo's event handler", NOTHING).check(m));
        }
        if (sleeps || m.export("go_scheduler").isPresent()) {
            problems.addAll(ModuleRules.exportsFunction("go_scheduler", "TinyGo's scheduler wake-up", NOTHING)
                    .check(m));
        }
        return problems;
    }

    /** Every import of {@code m} this shape's host does not provide, one problem each. */
    public List<String> importProblems(ModuleShape m) {
        List<String> problems = new ArrayList<>(ModuleRules.nonFunctionImports(m));
        if (this == GO) {
            goImports(m, problems);
        } else {
            tinyGoImports(m, problems);
        }
        return problems;
    }

    private static void goImports(ModuleShape m, List<String> problems) {
        Set<String> goModules = new TreeSet<>();
        for (Import i : m.imports()) {
            if (i.kind() != ExternKind.FUNCTION) {
                continue;
            }
            boolean goModule = i.module().equals(GoImports.GOJS) || i.module().equals(GoImports.GO);
            if (goModule && GoImports.SP_FUNCTIONS.contains(i.name())) {
                goModules.add(i.module());
                if (!SP_SIGNATURE.equals(i.type())) {
                    problems.add(m.name() + " imports " + i.qualifiedName() + " as " + i.type()
                            + ", but Go's js/wasm imports all take the stack pointer: " + SP_SIGNATURE);
                }
            } else if (i.module().equals(GoImports.GOTEST) && GoImports.GOTEST_FUNCTIONS.containsKey(i.name())) {
                FunctionType expected = GoImports.GOTEST_FUNCTIONS.get(i.name());
                if (!expected.equals(i.type())) {
                    problems.add(m.name() + " imports " + i.qualifiedName() + " as " + i.type()
                            + ", but Go's syscall/js test declares it as " + expected);
                }
            } else {
                problems.add(m.name() + " imports " + i.qualifiedName() + " " + i.type()
                        + ", which is not part of Go's js/wasm ABI (module gojs, or go before Go 1.21)");
            }
        }
        if (goModules.size() > 1) {
            problems.add(m.name() + " imports from both " + goModules
                    + "; a Go binary uses gojs (Go 1.21+) or go (older), never both");
        }
    }

    private static void tinyGoImports(ModuleShape m, List<String> problems) {
        Set<TinyGoImports.Convention> conventions = new TreeSet<>();
        for (Import i : m.imports()) {
            if (i.kind() != ExternKind.FUNCTION) {
                continue;
            }
            String problem = null;
            if (TinyGoImports.isJsModule(i.module()) && TinyGoImports.SYSCALL_JS.containsKey(i.name())) {
                Optional<TinyGoImports.Convention> c = TinyGoImports.conventionOf(i.name(), i.type());
                c.ifPresent(conventions::add);
                if (c.isEmpty()) {
                    problem = " with signature " + i.type() + ", expected " + TinyGoImports.expected(i.name());
                }
            } else if (TinyGoImports.isJsModule(i.module()) && TinyGoImports.RUNTIME_FUNCTIONS.containsKey(i.name())) {
                problem = signatureProblem(i, TinyGoImports.RUNTIME_FUNCTIONS.get(i.name()));
            } else if (i.module().equals(TinyGoImports.ENV) && TinyGoImports.PRE_WASI_OUTPUT.containsKey(i.name())) {
                problem = signatureProblem(i, List.of(TinyGoImports.PRE_WASI_OUTPUT.get(i.name())));
            } else if (WasiPreview1.isWasiModule(i.module()) && WasiPreview1.signatures().containsKey(i.name())) {
                problem = signatureProblem(i, List.of(WasiPreview1.signatures().get(i.name())));
            } else {
                problem = ", which is not part of TinyGo's js/wasm ABI (modules gojs or env, and WASI preview1)";
            }
            if (problem != null) {
                problems.add(m.name() + " imports " + i.qualifiedName() + problem);
            }
        }
        if (conventions.size() > 1) {
            problems.add(m.name() + " passes JS values both as i64 and by address; a TinyGo build uses one convention");
        } else if (conventions.contains(TinyGoImports.Convention.REF_VALUES) && TinyGoImports.beforeWasi(m)) {
            problems.add(m.name() + " imports TinyGo's output functions of before 0.12 (env.io_get_stdout,"
                    + " env.resource_write) but passes JS values as i64, which TinyGo only did from 0.29");
        }
    }

    private static String signatureProblem(Import i, List<FunctionType> accepted) {
        return accepted.contains(i.type()) ? null : " with signature " + i.type() + ", expected "
                + accepted.stream().map(FunctionType::toString).collect(Collectors.joining(" or "));
    }
}
