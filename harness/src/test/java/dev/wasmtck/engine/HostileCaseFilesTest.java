package dev.wasmtck.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;

import dev.wasmtck.Constants;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * Discovery survives any one file: each hostile file written here fails alone, with its location,
 * while the control file beside it still runs and passes.
 */
class HostileCaseFilesTest {
    private static final String HEAD = "abi: fake\nguest: fake.wasm\ncases:\n";
    private static final String CONTROL = HEAD + "  - id: control\n    input: {message: hi}\n    expect:\n"
            + "      output: {message: hi}\n";

    @TempDir
    Path dir;

    @BeforeEach
    void controlFileAndGuest() throws IOException {
        Files.writeString(dir.resolve("fake.wasm"), "fake guest module\n");
        Files.writeString(dir.resolve("a-control.yaml"), CONTROL);
    }

    @Test
    void aFlowSequenceTenThousandDeepFailsItsFileAtItsLineAndColumn() throws IOException {
        // The case's input is the fourth level (file, cases, case), so the 101st is bracket 98.
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        Path bad = write("deep-flow.yaml", HEAD + "  - id: deep\n    input: " + deep + "\n    expect: {output: null}\n");
        assertThat(invalidFile(run(Map.of()), bad))
                .startsWith(bad + ":5:" + (12 + 97) + ": nested more than 100 levels deep");
    }

    @Test
    void blockMappingsThreeThousandDeepFailTheirFileAtTheLine() throws IOException {
        StringBuilder deep = new StringBuilder(HEAD + "  - id: deep\n    expect: {output: null}\n    input:\n");
        for (int i = 0; i < 3000; i++) {
            deep.append(" ".repeat(6 + i)).append("k:\n");
        }
        deep.append(" ".repeat(6 + 3000)).append("v\n");
        Path bad = write("deep-block.yaml", deep.toString());
        // Three thousand levels of indentation need more than the default 1 MiB. The input mapping
        // (line 7) is the fourth level, so the 101st starts on line 7 + 97, indented 6 + 97.
        assertThat(invalidFile(run(Map.of(Constants.CASE_FILE_MAX_SIZE, "16MiB")), bad))
                .startsWith(bad + ":104:104: nested more than 100 levels deep");
    }

    @Test
    void aFileOverTheSizeCapFailsUnreadAndTheCapIsConfigurable() throws IOException {
        Path bad = write("huge.yaml", HEAD + "  - id: huge\n    input: \"" + "x".repeat(1 << 20) + "\"\n    expect: {output: null}\n");
        assertThat(invalidFile(run(Map.of()), bad)).isEqualTo(bad + ": larger than 1MiB, the size limit for this file");

        Path small = write("small.yaml", CONTROL.replace("control", "small") + "#" + "-".repeat(100) + "\n");
        Events events = run(Map.of(Constants.CASE_FILE_MAX_SIZE, "200B"));
        assertThat(invalidFile(events, small)).isEqualTo(small + ": larger than 200B, the size limit for this file");
        assertThat(invalidFile(events, bad)).contains("larger than 200B");
    }

    @Test
    void aLongScalarWithinARaisedCapParsesInLinearTime() throws IOException {
        // Parsing used to grow faster than the text: 4 MB took 10 s, 20 MB a minute and a half.
        write("long-scalar.yaml", HEAD + "  - id: long-name\n    name: " + "y".repeat(8 << 20) + "\n"
                + "    input: 1\n    expect: {output: 1}\n");
        long start = System.nanoTime();
        Events events = run(Map.of(Constants.CASE_FILE_MAX_SIZE, "16MiB"));
        assertThat((System.nanoTime() - start) / 1_000_000_000).as("seconds").isLessThan(15);
        events.assertThatEvents().haveExactly(1, event(test("long-name"), finishedSuccessfully()));
    }

    @Test
    void invalidUtf8IsReportedAtFileLineAndColumn() throws IOException {
        byte[] text = (HEAD + "  - id: bad-bytes\n    name: caf\u00e9 ?\n").getBytes(StandardCharsets.UTF_8);
        text[text.length - 2] = (byte) 0xC3;   // a lead byte followed by a newline: malformed
        Path bad = dir.resolve("bad-utf8.yaml");
        Files.write(bad, text);
        assertThat(invalidFile(run(Map.of()), bad))
                .isEqualTo(bad + ":5:16: not valid UTF-8 (byte 0xC3 at offset " + (text.length - 2) + ")");
    }

    @Test
    void aliasesThatRepeatALargeScalarPastTheLimitFailTheFile() throws IOException {
        String big = "y".repeat(200_000);
        Path bad = write("alias-bomb.yaml", HEAD + "  - id: bomb\n    name: &big " + big + "\n"
                + "    input: [" + "*big, ".repeat(30) + "*big]\n    expect: {output: null}\n");
        assertThat(invalidFile(run(Map.of()), bad))
                .startsWith(bad + ":6:12: aliases expand this node to more than " + 4 * (1 << 20));
    }

    @Test
    void anAliasInsideItsOwnAnchorFailsTheFile() throws IOException {
        Path bad = write("self.yaml", HEAD + "  - id: self\n    input: &me [1, *me]\n    expect: {output: null}\n");
        assertThat(invalidFile(run(Map.of()), bad)).startsWith(bad + ":5:").contains("contain itself");
    }

    @Test
    void aMemoryLimitThatOverflowsIsTooLargeNotTooSmall() throws IOException {
        write("big-memory.yaml", HEAD + "  - id: overflow\n    memory: 9223372036854775807 pages\n"
                + "    expect: {output: null}\n  - id: digits\n    memory: 99999999999999999999999\n    expect: {output: null}\n");
        Events events = run(Map.of());
        assertThat(failure(events, "overflow")).contains(":5: memory is too large: '9223372036854775807 pages'")
                .doesNotContain("at least one");
        assertThat(failure(events, "digits")).contains(":8: memory is too large");
        assertControlPassed(events);
    }

    @Test
    void aPrebuiltGuestMustBeARegularFileOfBoundedSize() throws IOException {
        Files.write(dir.resolve("big.wasm"), new byte[4096]);
        write("devices.yaml", HEAD.replace("guest: fake.wasm\n", "") + "  - id: zero\n    guest: {wasm: /dev/zero}\n"
                + "    expect: {output: null}\n  - id: folder\n    guest: {wasm: ../" + dir.getFileName() + "}\n    expect: {output: null}\n"
                + "  - id: big\n    guest: big.wasm\n    expect: {output: null}\n");
        Events events = run(Map.of(Constants.MODULE_MAX_SIZE, "1KiB"));
        assertThat(failure(events, "zero")).contains("/dev/zero is not a regular file");
        assertThat(failure(events, "folder")).contains(dir + " is not a regular file");
        assertThat(failure(events, "big")).contains("big.wasm is larger than 1KiB, the size limit for a module");
        assertControlPassed(events);
    }

    @Test
    void aFileThatIsNoModuleFailsItsCaseWithoutItsContentAppearing() throws IOException {
        Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET: the content of a file that is no module\n");
        try (var in = getClass().getResourceAsStream("/wat/echo-seed-malloc.wasm")) {
            Files.write(dir.resolve("echo.wasm"), in.readAllBytes());
        }
        write("not-wasm.yaml", "abi: async-bridge\ncases:\n  - id: not-wasm\n    guest: {wasm: secret.txt}\n"
                + "    input: {message: hi}\n    expect: {output: {message: hi}}\n"
                + "  - id: real-module\n    guest: echo.wasm\n    input: {message: hi}\n"
                + "    expect: {output: {message: hi}}\n");
        Events events = run(Map.of("wasm.conformance.hosts", "fake,chicory"));
        assertThat(failure(events, "not-wasm"))
                .contains("secret.txt is not a valid WebAssembly module: no wasm magic number")
                .doesNotContain("TOP-SECRET").doesNotContain("84, 79, 80");
        events.assertThatEvents().haveExactly(1, event(test("real-module"), finishedSuccessfully()));
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private Events run(Map<String, String> config) {
        Map<String, String> all = new java.util.HashMap<>(Map.of("wasm.conformance.hosts", "fake"));
        all.putAll(config);
        Events events = EngineTestKit.engine(WasmConformanceEngine.ENGINE_ID)
                .configurationParameters(all)
                .selectors(selectDirectory(dir.toFile()))
                .execute().testEvents();
        assertControlPassed(events);
        return events;
    }

    private static void assertControlPassed(Events events) {
        events.assertThatEvents().haveExactly(1, event(test("control"), finishedSuccessfully()));
    }

    /** The message of the failing node that stands for the whole (unreadable) file. */
    private static String invalidFile(Events events, Path file) {
        String name = file.getParent().getFileName() + "/" + file.getFileName().toString().replace(".yaml", "");
        events.assertThatEvents().haveExactly(1, event(test(), displayName(name + " (invalid case file)"),
                finishedWithFailure()));
        return message(events.failed().filter(e -> e.getTestDescriptor().getDisplayName().startsWith(name + " ")));
    }

    private static String failure(Events events, String caseId) {
        return message(events.failed().filter(e -> e.getTestDescriptor().getUniqueId().toString()
                .contains("[case:" + caseId + "]")));
    }

    private static String message(java.util.stream.Stream<Event> failed) {
        return failed.findFirst().orElseThrow(() -> new AssertionError("no such failure"))
                .getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow().getMessage();
    }
}
