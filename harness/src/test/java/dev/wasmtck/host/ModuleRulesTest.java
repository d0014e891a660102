package dev.wasmtck.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmtck.internal.host.bridge.AsyncBridgeAbi;
import dev.wasmtck.internal.host.wapc.WapcAbi;
import dev.wasmtck.internal.host.wasmexec.WasmExecAbi;
import dev.wasmtck.module.FunctionType;
import dev.wasmtck.module.ModuleShape;
import dev.wasmtck.module.ModuleShape.ExternKind;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-ABI structural rules on the WAT fixtures: which rule holds, and what a broken one says. */
class ModuleRulesTest {

    private static ModuleShape shape(String fixture) throws Exception {
        try (InputStream in = ModuleRulesTest.class.getClassLoader().getResourceAsStream("wat/" + fixture)) {
            return new GuestModule(fixture, in.readAllBytes()).shape();
        }
    }

    /** Rule id to its problems, for every rule of the ABI. */
    private static Map<String, List<String>> check(Abi<?> abi, String fixture) throws Exception {
        return check(abi, shape(fixture));
    }

    private static Map<String, List<String>> check(Abi<?> abi, ModuleShape shape) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (ModuleRule rule : abi.moduleRules()) {
            out.put(rule.id(), rule.check(shape));
        }
        return out;
    }

    @Test
    void aWapcModuleMeetsEveryWapcRule() throws Exception {
        Map<String, List<String>> result = check(new WapcAbi(), "wapc-mini.wasm");
        assertThat(result).hasSize(4);
        assertThat(new WapcAbi().recogniseShape(shape("wapc-mini.wasm"))).contains("waPC, initialised with wapc_init");
        assertThat(result.values()).allSatisfy(p -> assertThat(p).isEmpty());
    }

    @Test
    void anAsyncBridgeModuleIsNoWapcModuleAndEachRuleSaysWhy() throws Exception {
        Map<String, List<String>> result = check(new WapcAbi(), "echo-seed-malloc.wasm");
        assertThat(result.get("exports its memory")).isEmpty();
        assertThat(result.get("exports its entry point")).containsExactly("echo-seed-malloc.wasm does not export"
                + " __guest_call, the waPC entry point (i32, i32) -> i32; its exports are [memory, malloc, call, callback]");
        assertThat(result.get("imports only what a waPC host provides")).singleElement().asString()
                .startsWith("echo-seed-malloc.wasm imports env.get (i32, i32) -> (); a waPC host provides only");
    }

    @Test
    void asyncBridgeRulesAcceptTheSeedFormAndNameEachBreak() throws Exception {
        assertThat(check(new AsyncBridgeAbi(), "echo-seed-malloc.wasm").values()).allSatisfy(p -> assertThat(p).isEmpty());
        assertThat(check(new AsyncBridgeAbi(), "missing-callback.wasm").get("exports callback")).singleElement()
                .asString().startsWith("missing-callback.wasm does not export callback, the callback of the seed form"
                        + " (recognised from env.get (i32, i32) -> ()) (i32, i32) -> i32");
        assertThat(check(new AsyncBridgeAbi(), "wrong-get.wasm").get("imports env.get")).containsExactly(
                "wrong-get.wasm imports env.get as (i32, i32, i32, i32) -> (), but it is (i32, i32) -> () (seed form),"
                        + " (i32, i32) -> i32 (handle form), (i32, i32, i32) -> () (out-pointer form),"
                        + " (i32) -> () or () -> () (value form)");
        // A value-form module needs no memory, and its callback is checked against that form.
        Map<String, List<String>> value = check(new AsyncBridgeAbi(), "value-wrong-callback.wasm");
        assertThat(value.get("exports memory 'memory'")).isEmpty();
        assertThat(value.get("imports env.get")).isEmpty();
        assertThat(value.get("exports call")).isEmpty();
        assertThat(value.get("exports callback")).containsExactly("value-wrong-callback.wasm exports callback as"
                + " (i32, i32) -> i32, but the callback of the value form (recognised from env.get (i32) -> ()) is"
                + " (i32) -> i32");
        assertThat(check(new AsyncBridgeAbi(), "unknown-import.wasm")
                .get("imports only env.get, env.emscripten_notify_memory_growth and WASI preview1"))
                .singleElement().asString().startsWith("unknown-import.wasm imports env.lookup (i32) -> i32;");
    }

    @Test
    void wasmExecRulesRejectANonGoModuleRuleByRule() throws Exception {
        Map<String, List<String>> result = check(new WasmExecAbi(), "wapc-mini.wasm");
        assertThat(result.keySet()).containsExactly("is a Go or TinyGo js/wasm module", "exports its memory",
                "exports its entry points", "imports only js/wasm functions");
        assertThat(result.values()).allSatisfy(p -> assertThat(p).isNotEmpty());
        assertThat(result.get("is a Go or TinyGo js/wasm module")).singleElement().asString()
                .endsWith("; it imports from wapc, so it is a waPC guest");
        assertThat(result.get("exports its entry points")).hasSize(3).allSatisfy(p -> assertThat(p)
                .startsWith("as Go js/wasm: wapc-mini.wasm does not export "));
        assertThat(result.get("imports only js/wasm functions")).hasSize(8);
    }

    // ---- every shape a host runs passes its ABI's rules, which say which shape they saw -----------

    /** A Go js/wasm binary's shape (GOOS=js GOARCH=wasm, Go 1.21+); a fake-waPC Go guest has just this. */
    private static ModuleShape goJs() {
        List<ModuleShape.Import> imports = new ArrayList<>();
        for (String f : List.of("runtime.wasmExit", "runtime.wasmWrite", "syscall/js.valueGet", "syscall/js.valueCall",
                "syscall/js.copyBytesToGo")) {
            imports.add(new ModuleShape.Import("gojs", f, ExternKind.FUNCTION, FunctionType.parse("(i32) -> ()")));
        }
        return new ModuleShape("fake-wapc-example.wasm", imports, List.of(
                new ModuleShape.Export("mem", ExternKind.MEMORY, null),
                new ModuleShape.Export("run", ExternKind.FUNCTION, FunctionType.parse("(i32, i32) -> ()")),
                new ModuleShape.Export("resume", ExternKind.FUNCTION, FunctionType.parse("() -> ()")),
                new ModuleShape.Export("getsp", ExternKind.FUNCTION, FunctionType.parse("() -> i32"))), true);
    }

    private static void passesEveryRule(Abi<?> abi, ModuleShape shape, String recognised) {
        for (ModuleRule rule : abi.moduleRules()) {
            assertThat(rule.check(shape)).as(abi.name() + " rule '" + rule.id() + "' on " + shape.name()).isEmpty();
        }
        assertThat(abi.recogniseShape(shape)).contains(recognised);
    }

    @Test
    void tinyGoJsModulesOfEachConventionPassTheWasmExecRules() throws Exception {
        passesEveryRule(new WasmExecAbi(), shape("tinygo-mini.wasm"),
                "TinyGo js/wasm, JS values as i64 (TinyGo 0.29 and later)");
        passesEveryRule(new WasmExecAbi(), shape("tinygo-env-refs.wasm"),
                "TinyGo js/wasm, JS values by address (TinyGo 0.28 and older)");
        passesEveryRule(new WasmExecAbi(), shape("tinygo-env-refs-context.wasm"),
                "TinyGo js/wasm, JS values by address (TinyGo 0.28 and older)");
        passesEveryRule(new WasmExecAbi(), shape("tinygo-cwa.wasm"), "TinyGo js/wasm before 0.12 (resource_write"
                + " output, cwa_main), JS values by address (TinyGo 0.28 and older)");
        passesEveryRule(new WasmExecAbi(), goJs(), "Go js/wasm (module gojs)");
    }

    @Test
    void aTinyGoBuildBeforeWasiMustExportCwaMainAndImportItsOutputFromEnv() throws Exception {
        ModuleShape cwa = shape("tinygo-cwa.wasm");
        ModuleShape noCwaMain = new ModuleShape(cwa.name(), cwa.imports(), cwa.exports().stream()
                .filter(e -> !e.name().equals("cwa_main")).toList(), true);
        assertThat(check(new WasmExecAbi(), noCwaMain).get("exports its entry points")).singleElement()
                .satisfies(p -> assertThat(p).contains("does not export cwa_main, the entry point of TinyGo before 0.12"));
        List<ModuleShape.Import> imports = new ArrayList<>(cwa.imports());
        imports.add(new ModuleShape.Import("gojs", "resource_write", ExternKind.FUNCTION,
                FunctionType.parse("(i32, i32, i32) -> i32")));
        ModuleShape fromGojs = new ModuleShape(cwa.name(), imports, cwa.exports(), true);
        assertThat(check(new WasmExecAbi(), fromGojs).get("imports only js/wasm functions")).singleElement()
                .satisfies(p -> assertThat(p).contains("imports gojs.resource_write, which is not part of"));
        ModuleShape mini = shape("tinygo-mini.wasm");
        List<ModuleShape.Import> withOldOutput = new ArrayList<>(mini.imports());
        withOldOutput.add(new ModuleShape.Import("env", "io_get_stdout", ExternKind.FUNCTION, FunctionType.parse("() -> i32")));
        ModuleShape i64BeforeWasi = new ModuleShape(mini.name(), withOldOutput, cwa.exports(), true);
        assertThat(check(new WasmExecAbi(), i64BeforeWasi).get("imports only js/wasm functions")).singleElement()
                .satisfies(p -> assertThat(p).contains("passes JS values as i64, which TinyGo only did from 0.29"));
    }

    @Test
    void fakeWapcGuestsOverGoAndTinyGoPassTheWapcRules() throws Exception {
        passesEveryRule(new WapcAbi(), goJs(), "fake waPC over Go js/wasm (module gojs)");
        passesEveryRule(new WapcAbi(), shape("tinygo-mini.wasm"),
                "fake waPC over TinyGo js/wasm, JS values as i64 (TinyGo 0.29 and later)");
    }

    @Test
    void tinyGoWasmTargetWapcGuestsPassTheWapcRulesAsRealWapc() throws Exception {
        passesEveryRule(new WapcAbi(), shape("tinygo-wapc-wasm.wasm"), "waPC, initialised with _start");
        passesEveryRule(new WapcAbi(), shape("wapc-mini.wasm"), "waPC, initialised with wapc_init");
    }

    @Test
    void aFakeWapcGuestMissingGosExportsIsToldWhatGoNeeds() {
        ModuleShape go = goJs();
        ModuleShape noGetsp = new ModuleShape(go.name(), go.imports(), go.exports().stream()
                .filter(e -> !e.name().equals("run")).toList(), true);
        assertThat(check(new WapcAbi(), noGetsp).get("exports its entry point")).containsExactly(
                "as fake waPC over Go js/wasm (module gojs): fake-wapc-example.wasm does not export run, Go's entry"
                        + " point (i32, i32) -> (); its exports are [mem, resume, getsp]");
    }

    @Test
    void aTinyGoModuleMixingConventionsOrWithAWrongSignatureFailsTheImportRule() throws Exception {
        ModuleShape mini = shape("tinygo-mini.wasm");
        List<ModuleShape.Import> imports = new ArrayList<>(mini.imports());
        imports.add(new ModuleShape.Import("gojs", "syscall/js.valueInvoke", ExternKind.FUNCTION,
                FunctionType.parse("(i32, i32, i32, i32, i32) -> ()")));
        imports.add(new ModuleShape.Import("gojs", "syscall/js.valueDelete", ExternKind.FUNCTION, FunctionType.parse("(i32) -> ()")));
        ModuleShape mixed = new ModuleShape("mixed.wasm", imports, mini.exports(), true);
        assertThat(check(new WasmExecAbi(), mixed).get("imports only js/wasm functions")).containsExactly(
                "as TinyGo js/wasm, JS values as i64 (TinyGo 0.29 and later) and JS values by address (TinyGo 0.28 and"
                        + " older): mixed.wasm imports gojs.syscall/js.valueDelete with signature (i32) -> (), expected"
                        + " (i64, i32, i32) -> () (JS values as i64 (TinyGo 0.29 and later)) or (i32, i32, i32) -> ()"
                        + " (JS values by address (TinyGo 0.28 and older)), either followed by at most 2 i32 parameters"
                        + " TinyGo appends",
                "as TinyGo js/wasm, JS values as i64 (TinyGo 0.29 and later) and JS values by address (TinyGo 0.28 and"
                        + " older): mixed.wasm passes JS values both as i64 and by address; a TinyGo build uses one"
                        + " convention");
    }
}
