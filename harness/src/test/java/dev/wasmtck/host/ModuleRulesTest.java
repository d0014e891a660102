package dev.wasmtck.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmtck.host.bridge.AsyncBridgeAbi;
import dev.wasmtck.host.wapc.WapcAbi;
import dev.wasmtck.host.wasmexec.WasmExecAbi;
import dev.wasmtck.runtime.ModuleShapes;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-ABI structural rules on the WAT fixtures: which rule holds, and what a broken one says. */
class ModuleRulesTest {

    private static ModuleShape shape(String fixture) throws Exception {
        try (InputStream in = ModuleRulesTest.class.getClassLoader().getResourceAsStream("wat/" + fixture)) {
            return ModuleShapes.read(new GuestModule(fixture, in.readAllBytes()));
        }
    }

    /** Rule id to its problems, for every rule of the ABI. */
    private static Map<String, List<String>> check(Abi abi, String fixture) throws Exception {
        ModuleShape shape = shape(fixture);
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
        assertThat(result.values()).allSatisfy(p -> assertThat(p).isEmpty());
    }

    @Test
    void anAsyncBridgeModuleIsNoWapcModuleAndEachRuleSaysWhy() throws Exception {
        Map<String, List<String>> result = check(new WapcAbi(), "echo-seed-malloc.wasm");
        assertThat(result.get("exports memory 'memory'")).isEmpty();
        assertThat(result.get("exports __guest_call")).containsExactly("echo-seed-malloc.wasm does not export"
                + " __guest_call, the waPC entry point (i32, i32) -> i32; its exports are [memory, malloc, call, callback]");
        assertThat(result.get("imports only wapc, WASI preview1 and env.abort")).singleElement().asString()
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
        assertThat(result.keySet()).containsExactly("exports memory 'mem'", "exports run", "exports resume",
                "exports getsp", "imports only Go's js/wasm functions");
        assertThat(result.values()).allSatisfy(p -> assertThat(p).isNotEmpty());
        assertThat(result.get("imports only Go's js/wasm functions")).hasSize(8);
    }
}
