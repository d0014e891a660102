package dev.wasmtck.internal.host.wasmexec;

import dev.wasmtck.abi.wasmexec.FileGrant;
import dev.wasmtck.abi.wasmexec.WasmExecSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wasmtck.abi.wasmexec.AfterExit;
import dev.wasmtck.internal.yaml.CaseFormatException;
import dev.wasmtck.internal.yaml.YamlFiles;
import dev.wasmtck.internal.yaml.YamlMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WasmExecAbiTest {
    private final WasmExecAbi abi = new WasmExecAbi();

    private WasmExecSettings parse(String yaml) {
        YamlMap host = YamlFiles.compose(yaml, "case.yaml").get(0).asMap("the host section");
        return abi.parseSettings(Optional.of(host));
    }

    private CaseFormatException bad(String yaml) {
        return assertThrows(CaseFormatException.class, () -> parse(yaml));
    }

    @Test
    void everyKeyParses() {
        WasmExecSettings s = parse("""
                args: [a, "b c"]
                env: {FOO: bar, N: 1}
                globals: {config: {n: 1}}
                js: |
                  globalThis.x = 1;
                random-seed: 7
                after-exit: serve
                program: prog
                """);
        assertThat(s.args()).containsExactly("a", "b c");
        assertThat(s.env()).isEqualTo(Map.of("FOO", "bar", "N", "1"));
        assertThat(s.globals()).containsOnlyKeys("config");
        assertThat(s.js()).isEqualTo("globalThis.x = 1;\n");
        assertThat(s.jsWhere().line()).as("a block script starts on the line after 'js: |'").isEqualTo(5);
        assertThat(s.randomSeed()).isEqualTo(7L);
        assertThat(s.afterExit()).isEqualTo(AfterExit.SERVE);
        assertThat(s.program()).isEqualTo("prog");
    }

    @Test
    void defaultsFollowGoWasmExecJs() {
        WasmExecSettings s = abi.parseSettings(Optional.empty());
        assertThat(s.afterExit()).isEqualTo(AfterExit.REFUSE);
        assertThat(s.program()).isEqualTo("js");
        assertThat(s.env()).isEmpty();
        assertThat(abi.defaultFunction()).as("no function: main only").isEmpty();
    }

    @Test
    void filesNameAFolderNextToTheCaseFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path caseFile = java.nio.file.Files.writeString(dir.resolve("c.yaml"), "");
        java.nio.file.Files.createDirectories(dir.resolve("data/sub"));
        java.util.function.Function<String, WasmExecSettings> at = yaml -> abi.parseSettings(Optional.of(
                YamlFiles.compose(yaml, caseFile.toString()).get(0).asMap("the host section")));
        WasmExecSettings s = at.apply("files: {read: data/sub, scratch: true}");
        assertThat(s.files()).isEqualTo(new FileGrant(dir.resolve("data/sub"), true));
        assertThat(s.env()).as("scratch sets TMPDIR").containsEntry("TMPDIR", "/tmp");
        assertThat(at.apply("files: {scratch: true}\nenv: {TMPDIR: /elsewhere}").env()).containsEntry("TMPDIR", "/elsewhere");
        assertThat(abi.parseSettings(Optional.empty()).files()).isEqualTo(FileGrant.NONE);
        for (String wrong : List.of("../x", "/abs", "data/../..", "missing")) {
            CaseFormatException e = assertThrows(CaseFormatException.class,
                    () -> at.apply("args: []\nfiles: {read: \"" + wrong + "\"}"));
            assertThat(e.getMessage()).startsWith(caseFile + ":2:").contains(wrong);
        }
        assertThat(assertThrows(CaseFormatException.class, () -> at.apply("files: {write: data}")).getMessage())
                .contains("write");
    }

    @Test
    void mistakesPointAtTheirLine() {
        assertThat(bad("after-exit: sometimes").getMessage()).startsWith("case.yaml:1:").contains("'refuse'", "'serve'");
        assertThat(bad("args: []\nenv: {\"A=B\": 1}").getMessage()).startsWith("case.yaml:2:").contains("no '='");
        assertThat(bad("functions: [noSuchFunction]").getMessage())
                .contains("no Java host function named 'noSuchFunction' is registered");
        assertThat(bad("argz: []").getMessage()).contains("unknown key 'argz'");
    }

    @Test
    void inputMustBeTheArgumentList() {
        var input = YamlFiles.compose("just-a-string", "case.yaml").get(0);
        assertThat(assertThrows(CaseFormatException.class, () -> abi.checkInput(input)).getMessage())
                .contains("list of arguments");
        abi.checkInput(YamlFiles.compose("[a, 1]", "case.yaml").get(0));
    }

    @Test
    void valuesConvertBothWays() throws Exception {
        var cx = JsEngine.open();
        try {
            var scope = cx.initSafeStandardObjects();
            Object java = JsValues.unpack(JsValues.pack(List.of(1L, 2.5, "x", new byte[] {1, 2}, Map.of("k", true))));
            Object js = JsValues.toJs(java, cx, scope);
            Object back = JsValues.toJava(js);
            assertThat(back).asList().hasSize(5);
            assertThat(((List<?>) back).get(0)).isEqualTo(1L);
            assertThat(((List<?>) back).get(1)).isEqualTo(2.5);
            assertThat(((List<?>) back).get(3)).isEqualTo(new byte[] {1, 2});
            assertThat(((List<?>) back).get(4)).isEqualTo(Map.of("k", true));
            Object fn = cx.evaluateString(scope, "(function f() {})", "t", 1, null);
            assertThat(JsValues.toJava(fn)).isEqualTo("<function>");
            Object cyclic = cx.evaluateString(scope, "var o = {}; o.self = o; o", "t", 1, null);
            assertThrows(IllegalArgumentException.class, () -> JsValues.toJava(cyclic));
        } finally {
            org.mozilla.javascript.Context.exit();
        }
    }

    @Test
    void theJsWorldHasNoJavaAccess() {
        var cx = JsEngine.open();
        try {
            JsWorld world = new JsWorld(cx, new EventLoop(), (fd, b, o, l) -> {}, new java.util.Random(1));
            Object packages = world.eval("typeof Packages + ' ' + typeof java", "t", 1);
            assertThat(packages).isEqualTo("undefined undefined");
        } finally {
            org.mozilla.javascript.Context.exit();
        }
    }
}
