package dev.wasmtck.internal.host.wasmexec;

import dev.wasmtck.abi.wasmexec.WasmExecSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.runtime.GuestFault.Kind;
import dev.wasmtck.host.GuestModule;
import dev.wasmtck.host.Invocation;
import dev.wasmtck.runtime.Limits;
import dev.wasmtck.host.Outcome;
import dev.wasmtck.host.PreparedGuest;
import dev.wasmtck.internal.host.wapc.WapcAbi;
import dev.wasmtck.internal.host.wapc.WapcHost;
import dev.wasmtck.abi.wapc.WapcSettings;
import dev.wasmtck.abi.wasmexec.AfterExit;
import dev.wasmtck.module.FunctionType;
import dev.wasmtck.module.ModuleReader;
import dev.wasmtck.internal.msgpack.Payloads;
import dev.wasmtck.internal.runtime.chicory.ChicoryRuntime;
import dev.wasmtck.internal.yaml.YamlFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The wasm-exec host's TinyGo variant against wat/tinygo-mini.wat, a hand-written module with exactly
 * TinyGo's import names and signatures (no TinyGo toolchain is available to build a real one).
 */
class TinyGoHostTest {
    static byte[] wasm;
    static PreparedGuest guest;

    @BeforeAll
    static void prepare() throws Exception {
        wasm = Files.readAllBytes(Path.of("src/test/resources/wat/tinygo-mini.wasm"));
        guest = new WasmExecHost(new ChicoryRuntime(true)).prepare(new GuestModule("tinygo-mini", wasm));
    }

    private static WasmExecSettings settings(int mode, Map<String, Object> globals, String js, List<String> args,
            Map<String, String> env, Long seed) {
        Map<String, byte[]> packed = new LinkedHashMap<>();
        if (mode != 0) {
            packed.put("mode", JsValues.pack((long) mode));
        }
        globals.forEach((k, v) -> packed.put(k, JsValues.pack(v)));
        return new WasmExecSettings(args, env, packed, js, null, List.of(), seed, AfterExit.REFUSE, "js");
    }

    private static WasmExecSettings mode(int mode) {
        return settings(mode, Map.of(), null, List.of(), Map.of(), null);
    }

    private static Outcome run(WasmExecSettings s, String function, List<Object> args, String... observe)
            throws GuestFault {
        byte[] input = function.isEmpty() ? new byte[0] : JsValues.pack(args);
        return guest.run(new Invocation("wasm-exec", function, input, s, Limits.DEFAULT, List.of(observe)));
    }

    private static Object global(Outcome out, String name) throws Exception {
        return JsValues.unpack(out.globals().get(name));
    }

    private static Optional<JsModuleShape> shapeOf(String fixture) throws Exception {
        byte[] bytes = Files.readAllBytes(Path.of("src/test/resources/wat/" + fixture + ".wasm"));
        return JsModuleShape.of(ModuleReader.read(fixture, bytes));
    }

    @Test
    void tinyGoModulesAreToldApartFromGoWasiAndWapcOnes() throws Exception {
        assertThat(shapeOf("tinygo-mini")).contains(JsModuleShape.TINYGO);
        assertThat(shapeOf("tinygo-env-refs")).contains(JsModuleShape.TINYGO);
        assertThat(shapeOf("tinygo-env-refs-context")).contains(JsModuleShape.TINYGO);
        assertThat(shapeOf("tinygo-cwa")).contains(JsModuleShape.TINYGO);
        for (String other : List.of("wapc-mini", "wasi", "tinygo-wapc-wasm")) {
            assertThat(shapeOf(other)).as(other).isEmpty();
        }
    }

    // ---- TinyGo's older calling convention: JS values by address ---------------------------

    private static PreparedGuest envRefs() throws Exception {
        return onWasmExecHost("tinygo-env-refs");
    }

    private static PreparedGuest onWasmExecHost(String fixture) throws Exception {
        byte[] bytes = Files.readAllBytes(Path.of("src/test/resources/wat/" + fixture + ".wasm"));
        return new WasmExecHost(new ChicoryRuntime(true)).prepare(new GuestModule(fixture, bytes));
    }

    @Test
    void buildsWithOneAppendedParameterRunToo() throws Exception {
        Outcome out = onWasmExecHost("tinygo-env-refs-context").run(new Invocation("wasm-exec", "", new byte[0],
                settings(0, Map.of("input", "wörld ✓"), null, List.of(), Map.of(), null), Limits.DEFAULT,
                List.of("greeting")));
        assertThat(out.stdout()).isEqualTo("wörld ✓\n");
        assertThat(global(out, "greeting")).isEqualTo("héllo");
    }

    @Test
    void olderBuildsPassingValuesByAddressRun() throws Exception {
        WasmExecSettings s = settings(0, Map.of("input", "wörld", "data", "abc".getBytes(StandardCharsets.UTF_8)),
                null, List.of(), Map.of(), null);
        long before = System.currentTimeMillis();
        Outcome out = envRefs().run(new Invocation("wasm-exec", "", new byte[0], s, Limits.DEFAULT,
                List.of("greeting", "data", "ms")));
        assertThat(out.stdout()).as("toUpperCase by valueCall, read back by valuePrepareString/valueLoadString;"
                + " then copyBytesToGo").isEqualTo("WÖRLD\nabc\n");
        assertThat(global(out, "greeting")).as("stringVal").isEqualTo("héllo");
        assertThat(global(out, "data")).as("copyBytesToJS").isEqualTo("XYc".getBytes(StandardCharsets.UTF_8));
        assertThat(((Number) global(out, "ms")).doubleValue()).as("runtime.ticks as f64 milliseconds")
                .isBetween(before - 1000.0, before + 10_000.0);
        assertThat(out.exitCode()).isNull();
    }

    @Test
    void olderBuildsAnswerFuncOfCallsAndReportThrowingCalls() throws Exception {
        Outcome out = envRefs().run(new Invocation("wasm-exec", "add", JsValues.pack(List.of(2L, 40L)),
                settings(0, Map.of(), null, List.of(), Map.of(), null), Limits.DEFAULT));
        assertThat(JsValues.unpack(out.output())).isEqualTo(42L);
        assertThat(out.stdout()).as("no input: the call on undefined threw").isEqualTo("no input\ncalled\n");
    }

    // ---- TinyGo before 0.12: resource_write output, cwa_main, Go 1.12's reference table ---------

    @Test
    void buildsBeforeWasiRunCwaMainAndWriteThroughResourceWrite() throws Exception {
        long before = System.currentTimeMillis();
        Outcome out = onWasmExecHost("tinygo-cwa").run(new Invocation("wasm-exec", "", new byte[0],
                settings(0, Map.of("input", "wörld"), null, List.of(), Map.of(), null), Limits.DEFAULT,
                List.of("greeting", "ms")));
        assertThat(out.stdout()).as("cwa_main ran (not only _start); toUpperCase by valueCall, printed through"
                + " resource_write on the descriptor io_get_stdout gave").isEqualTo("WÖRLD\n");
        assertThat(global(out, "greeting")).as("stringVal").isEqualTo("héllo");
        assertThat(((Number) global(out, "ms")).doubleValue()).as("runtime.ticks as f64 milliseconds")
                .isBetween(before - 1000.0, before + 10_000.0);
        assertThat(out.exitCode()).isNull();
    }

    @Test
    void buildsBeforeWasiFindTheGoObjectAtIdSeven() throws Exception {
        Outcome out = onWasmExecHost("tinygo-cwa").run(new Invocation("wasm-exec", "add", JsValues.pack(List.of(2L, 40L)),
                settings(0, Map.of(), null, List.of(), Map.of(), null), Limits.DEFAULT));
        assertThat(JsValues.unpack(out.output())).as("_makeFuncWrapper and _pendingEvent read from id 7").isEqualTo(42L);
        assertThat(out.stdout()).as("no input: the call on undefined threw").isEqualTo("no input\ncalled\n");
    }

    @Test
    void goOneTwelvesReferenceTableFlagsTypesFromZero() {
        Object global = new Object();
        RefTable today = new RefTable(global, new Object(), null);
        RefTable old = new RefTable(global, new Object(), new Object(), null);
        assertThat(today.store("s") >>> 32).as("a string today").isEqualTo(RefTable.NAN_HEAD | 2);
        assertThat(old.store("s") >>> 32).as("a string in Go 1.12's era").isEqualTo(RefTable.NAN_HEAD | 1);
        assertThat((int) old.store("s")).as("the first id after the Go object").isEqualTo(8);
        assertThat((int) today.store("s")).isEqualTo(7);
    }

    @Test
    void conventionsAreToldApartBySignatureWithTinyGosTrailingParameters() {
        assertThat(TinyGoImports.conventionOf("syscall/js.valueGet", FunctionType.parse("(i64, i32, i32) -> i64")))
                .contains(TinyGoImports.Convention.REF_VALUES);
        for (String byAddress : List.of("(i32, i32, i32, i32) -> ()", "(i32, i32, i32, i32, i32) -> ()",
                "(i32, i32, i32, i32, i32, i32) -> ()")) {
            assertThat(TinyGoImports.conventionOf("syscall/js.valueGet", FunctionType.parse(byAddress))).as(byAddress)
                    .contains(TinyGoImports.Convention.REF_ADDRESSES);
        }
        assertThat(TinyGoImports.conventionOf("syscall/js.valueGet", FunctionType.parse("(i32, i32, i32, i32, i32, i32, i32) -> ()")))
                .as("three trailing parameters are too many").isEmpty();
        assertThat(TinyGoImports.conventionOf("syscall/js.valueCall", FunctionType.parse("(i32, i32, i32, i32, i32, i32, i32, i32, i32) -> ()")))
                .contains(TinyGoImports.Convention.REF_ADDRESSES);
        assertThat(TinyGoImports.conventionOf("syscall/js.valuePrepareString", FunctionType.parse("(i32, i32, i32, i32) -> ()")))
                .contains(TinyGoImports.Convention.REF_ADDRESSES);
        assertThat(TinyGoImports.conventionOf("syscall/js.valueLength", FunctionType.parse("(i32) -> i32")))
                .contains(TinyGoImports.Convention.REF_ADDRESSES);
    }

    @Test
    void anImportWithGosSignatureIsALinkError() throws Exception {
        byte[] bytes = Files.readAllBytes(Path.of("src/test/resources/wat/tinygo-bad-import.wasm"));
        GuestFault f = assertThrows(GuestFault.class,
                () -> new WasmExecHost(new ChicoryRuntime(false)).prepare(new GuestModule("bad", bytes)));
        assertThat(f.kind()).isEqualTo(Kind.LINK);
        assertThat(f.getMessage()).contains("gojs.syscall/js.valueGet", "(i32) -> ()", "expected (i64, i32, i32) -> i64");
    }

    @Test
    void valuesStringsAndBytesCrossBothWays() throws Exception {
        WasmExecSettings s = settings(0, Map.of("input", "wörld ✓", "data", new byte[] {1, 2, 3}),
                "globalThis.thrower = function () { throw new TypeError('nope'); };", List.of(), Map.of(), null);
        Outcome out = run(s, "", List.of(), "greeting", "obj", "max", "echo", "input", "out", "len", "second", "isU8",
                "caught", "callOk");
        assertThat(out.exitCode()).isEqualTo(0);
        assertThat(out.stdout()).isEqualTo("wörld ✓\ndone\n");
        assertThat(global(out, "greeting")).isEqualTo("héllo");
        assertThat(global(out, "obj")).isEqualTo(Map.of("n", 42L));
        assertThat(global(out, "max")).isEqualTo(7L);
        assertThat(global(out, "echo")).isEqualTo("wörld ✓");
        assertThat(global(out, "input")).as("valueDelete removed it").isNull();
        assertThat(global(out, "out")).isEqualTo(new byte[] {99, 3, 4});
        assertThat(global(out, "len")).isEqualTo(3L);
        assertThat(global(out, "second")).isEqualTo(2L);
        assertThat(global(out, "isU8")).isEqualTo(true);
        assertThat(global(out, "caught")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("name", "TypeError").containsEntry("message", "nope");
        assertThat(global(out, "callOk")).isEqualTo(false);
    }

    @Test
    void procExitEndsTheProgramWithItsCode() throws GuestFault {
        Outcome out = run(mode(1), "", List.of());
        assertThat(out.exitCode()).isEqualTo(3);
        assertThat(out.stderr()).isEqualTo("bye\n");
        assertThat(out.stdout()).isEmpty();
    }

    @Test
    void aFuncOfCallbackRunsThroughTheWrapperAndResume() throws Exception {
        Outcome out = run(mode(2), "add", List.of(2L, 40L));
        assertThat(JsValues.unpack(out.output())).isEqualTo(42L);
        assertThat(out.stdout()).isEqualTo("called\n");
        assertThat(out.exitCode()).as("still running").isNull();
        Outcome fractions = run(mode(2), "add", List.of(0.5, 0.25));
        assertThat(JsValues.unpack(fractions.output())).isEqualTo(0.75);
    }

    @Test
    void anExitInsideACallbackEndsTheRun() throws GuestFault {
        Outcome out = run(mode(2), "add", List.of(-5L, 1L));
        assertThat(out.exitCode()).isEqualTo(7);
        assertThat(out.stdout()).isEqualTo("called\n");
    }

    @Test
    void sleepTicksWakesTheSchedulerOnceAtTheEarliestTime() throws Exception {
        Outcome out = run(mode(3), "", List.of(), "wakes", "slept");
        assertThat(out.stdout()).isEqualTo("woke\n");
        assertThat(global(out, "wakes")).isEqualTo(1L);
        assertThat(((Number) global(out, "slept")).doubleValue()).isBetween(29.0, 190.0);
        assertThat(out.exitCode()).isNull();
    }

    @Test
    void wasiGivesArgsEnvironRandomClockAndNothingElse() throws Exception {
        WasmExecSettings s = settings(5, Map.of(), null, List.of("a", "b c"), Map.of("FOO", "bar", "A", "1"), 42L);
        long before = System.currentTimeMillis();
        Outcome out = run(s, "", List.of(), "rand", "now", "badfd", "nosys");
        assertThat(out.stdout()).isEqualTo("js\na\nb c\nA=1\nFOO=bar\n");
        Random expected = new Random(42);
        byte[] first = new byte[4];
        byte[] second = new byte[4];
        expected.nextBytes(first);
        expected.nextBytes(second);
        byte[] both = new byte[8];
        System.arraycopy(first, 0, both, 0, 4);
        System.arraycopy(second, 0, both, 4, 4);
        assertThat(global(out, "rand")).as("random_get, then runtime.getRandomData, from the seeded generator")
                .isEqualTo(both);
        assertThat(((Number) global(out, "now")).doubleValue()).isBetween(before - 1000.0, before + 10_000.0);
        assertThat(global(out, "badfd")).as("EBADF").isEqualTo(8L);
        assertThat(global(out, "nosys")).as("ENOSYS").isEqualTo(52L);
    }

    @Test
    void callingAfterExitIsRefusedByDefault() {
        GuestFault f = assertThrows(GuestFault.class, () -> run(mode(1), "add", List.of(1L, 2L)));
        assertThat(f.kind()).isEqualTo(Kind.EXIT);
        assertThat(f.getMessage()).contains("exited with code 3");
    }

    // ---- fake waPC over the TinyGo variant ---------------------------------------------------

    private static Outcome wapc(String op, String payload, String handlers) throws GuestFault {
        PreparedGuest fake = new WapcHost(new ChicoryRuntime(true)).prepare(new GuestModule("tinygo-mini", wasm));
        WapcSettings s = handlers == null ? WapcSettings.DEFAULT : new WapcAbi().parseSettings(
                Optional.of(YamlFiles.compose(handlers, "case.yaml").get(0).asMap("host")));
        return fake.run(new Invocation("wapc", op, payload.getBytes(StandardCharsets.UTF_8), s, Limits.DEFAULT));
    }

    @Test
    void fakeWapcRoundTrips() throws GuestFault {
        assertThat(new String(wapc("echo", "hi there", null).output(), StandardCharsets.UTF_8)).isEqualTo("hi there");
        Outcome hc = wapc("hc", "ping", "handlers: [{namespace: n, operation: o, echo: true}]");
        assertThat(new String(hc.output(), StandardCharsets.UTF_8)).isEqualTo("ping");
        assertThat(Payloads.render(hc.hostCalls())).contains("binding: \"b\"", "namespace: \"n\"", "70696e67");
        GuestFault error = assertThrows(GuestFault.class,
                () -> wapc("hc", "x", "handlers: [{operation: o, error: \"échec ✓\"}]"));
        assertThat(error.kind()).isEqualTo(Kind.GUEST_ERROR);
        assertThat(error.getMessage()).isEqualTo("échec ✓");
        GuestFault bad = assertThrows(GuestFault.class, () -> wapc("other", "", null));
        assertThat(bad.getMessage()).isEqualTo("bad");
    }
}
