package dev.wasmtck.host;

import dev.wasmtck.runtime.GuestFault;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wasmtck.runtime.GuestFault.Kind;
import dev.wasmtck.internal.host.bridge.AsyncBridgeAbi;
import dev.wasmtck.internal.host.bridge.AsyncBridgeHost;
import dev.wasmtck.internal.host.wapc.WapcAbi;
import dev.wasmtck.internal.host.wapc.WapcHost;
import dev.wasmtck.internal.host.wasmexec.WasmExecAbi;
import dev.wasmtck.internal.host.wasmexec.WasmExecHost;
import dev.wasmtck.module.ModuleShape;
import dev.wasmtck.internal.runtime.chicory.ChicoryRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For every ABI, a module passes the ABI's structural rules (what guest conformance reports) exactly when
 * the ABI's reference host links it in {@code prepare}; when it does not, the one LINK fault lists every
 * problem the rules found. The table is every WAT fixture of the harness (waPC, fake waPC, Go js/wasm, the
 * TinyGo generations, async-bridge forms, hostile and broken modules) and the suite's prebuilt stand-ins,
 * each on each ABI, so a module of one ABI is also a broken module of the others.
 */
class RulesEqualLinkTest {
    private static final Path FIXTURES = Path.of("src/test/resources/wat");
    private static final Path SUITE_GUESTS = Path.of("../conformance-suite/src/main/resources/conformance/async-bridge/guests");

    /** An ABI with its reference host on Chicory's interpreter (linking does not depend on the runtime mode). */
    private record Side(Abi<?> abi, Host host) {}

    private static final Map<String, Side> SIDES = Map.of(
            AsyncBridgeAbi.NAME, new Side(new AsyncBridgeAbi(), new AsyncBridgeHost(new ChicoryRuntime(false))),
            WapcAbi.NAME, new Side(new WapcAbi(), new WapcHost(new ChicoryRuntime(false))),
            WasmExecAbi.NAME, new Side(new WasmExecAbi(), new WasmExecHost(new ChicoryRuntime(false))));

    static Stream<Arguments> modules() throws Exception {
        List<Path> wasm = new ArrayList<>();
        for (Path dir : List.of(FIXTURES, SUITE_GUESTS)) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    files.filter(p -> p.toString().endsWith(".wasm")).sorted().forEach(wasm::add);
                }
            }
        }
        assertThat(wasm).as("fixtures found").hasSizeGreaterThan(30);
        return wasm.stream().flatMap(p -> SIDES.keySet().stream().sorted().map(abi -> Arguments.of(p.getFileName()
                .toString(), abi, p)));
    }

    /** Every problem the ABI's rules find, or the reader's own LINK message when the bytes are no module. */
    private static List<String> ruleProblems(Abi<?> abi, GuestModule module) {
        ModuleShape shape;
        try {
            shape = module.shape();
        } catch (GuestFault unreadable) {
            return List.of(unreadable.getMessage());
        }
        return ModuleRules.problems(abi.moduleRules(), shape);
    }

    /** The LINK fault of {@code prepare}, empty when the host links the module. */
    private static Optional<GuestFault> linkFault(Host host, GuestModule module) {
        try {
            host.prepare(module);
            return Optional.empty();
        } catch (GuestFault f) {
            assertThat(f.kind()).as("prepare's fault: " + f.getMessage()).isEqualTo(Kind.LINK);
            return Optional.of(f);
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("modules")
    void passesTheRulesExactlyWhenTheHostLinksIt(String name, String abiName, Path file) throws Exception {
        Side side = SIDES.get(abiName);
        GuestModule module = new GuestModule(name, Files.readAllBytes(file));
        List<String> problems = ruleProblems(side.abi(), module);
        Optional<GuestFault> fault = linkFault(side.host(), module);
        if (problems.isEmpty()) {
            assertThat(fault).as(name + " passes the " + abiName + " rules, so the host must link it").isEmpty();
        } else {
            assertThat(fault).as(name + " breaks the " + abiName + " rules " + problems + ", so the host must not link it")
                    .isPresent();
            assertThat(fault.get().getMessage()).as("one LINK fault listing every problem")
                    .isEqualTo(String.join("; ", problems));
        }
    }

    /**
     * The signatures that drifted apart while rules and link checks were written twice: each is refused by
     * the rule that names it and by the host, and its twin with the right signature passes both.
     */
    @ParameterizedTest(name = "{1} on {0}")
    @CsvSource(delimiter = '|', textBlock = """
            wapc         | wapc-abort-wrong.wasm  | wapc-abort.wasm | imports only what a waPC host provides | imports env.abort as (i32) -> (), but hosts provide it as (i32, i32, i32, i32) -> ()
            wapc         | wapc-wrong-import.wasm | wapc-abort.wasm | imports from wapc are waPC functions   | imports wapc.__guest_response as (i32) -> (), but waPC defines it as (i32, i32) -> ()
            wasm-exec    | gojs-wrong-import.wasm | gojs-mini.wasm  | imports only js/wasm functions         | imports gojs.runtime.wasmWrite as (i32, i32) -> (), but Go's js/wasm imports all take the stack pointer: (i32) -> ()
            wapc         | gojs-wrong-import.wasm | gojs-mini.wasm  | imports only what a waPC host provides | imports gojs.runtime.wasmWrite as (i32, i32) -> ()
            async-bridge | wrong-get.wasm         | echo-seed-fixed.wasm | imports env.get                   | imports env.get as (i32, i32, i32, i32) -> (), but it is
            wasm-exec    | tinygo-bad-import.wasm | tinygo-mini.wasm | imports only js/wasm functions        | imports gojs.syscall/js.valueGet with signature (i32) -> ()
            """)
    void aDriftedSignatureFailsItsRuleAndTheLink(String abiName, String drifted, String twin, String rule, String problem)
            throws Exception {
        Side side = SIDES.get(abiName);
        GuestModule module = new GuestModule(drifted, Files.readAllBytes(FIXTURES.resolve(drifted)));
        ModuleRule named = side.abi().moduleRules().stream().filter(r -> r.id().equals(rule)).findFirst().orElseThrow();
        assertThat(named.check(module.shape())).anySatisfy(p -> assertThat(p).contains(problem));
        GuestFault fault = assertThrows(GuestFault.class, () -> side.host().prepare(module));
        assertThat(fault.kind()).isEqualTo(Kind.LINK);
        assertThat(fault.getMessage()).contains(problem);

        GuestModule good = new GuestModule(twin, Files.readAllBytes(FIXTURES.resolve(twin)));
        assertThat(ruleProblems(side.abi(), good)).isEmpty();
        assertThat(linkFault(side.host(), good)).isEmpty();
    }
}
