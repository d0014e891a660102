package dev.wasmtck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wasm-tck check}: a guest author's one command, its exit codes and what it prints. */
class CheckCommandTest {
    @TempDir
    Path dir;

    @Test
    void aPrebuiltWapcGuestPassesWithNoDockerEngine() throws Exception {
        Path guest = WasmTckProcess.guest("wapc-echo.wasm", dir);
        // --verbose lets Testcontainers' logging through: a Docker probe logs "Testcontainers version ..." and
        // the engine it found, so any use of Docker would show in the output.
        var r = WasmTckProcess.runWithoutDocker(dir, "check", guest.toString(), "--abi", "wapc", "--verbose",
                "--xml", "xml");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.matrix()).contains("no required case failed")
                .containsPattern("wapc\\s+prebuilt\\s+chicory\\s+3\\s+0\\s+0\\s+0\\s+0\\s+0")
                .containsPattern("total\\s+7\\s+0\\s+0\\s+0\\s+0\\s+0");
        assertThat(r.out() + r.err()).doesNotContainIgnoringCase("docker").doesNotContainIgnoringCase("testcontainers");
        assertThat(dir.resolve("wasm-tck-report/conformance-report.json")).exists();
        assertThat(dir.resolve("wasm-tck-report/conformance-report.html")).exists();
        try (var xml = Files.walk(dir.resolve("xml"))) {
            assertThat(xml.filter(p -> p.getFileName().toString().endsWith(".xml")).toList())
                    .singleElement().satisfies(p -> assertThat(Files.readString(p)).contains("unknown-operation-is-a-guest-error"));
        }
    }

    @Test
    void aModuleWithoutGuestCallExitsOneNamingTheRule() throws Exception {
        Path guest = WasmTckProcess.guest("wapc-no-guest-call.wasm", dir);
        var r = WasmTckProcess.runWithoutDocker(dir, "check", guest.toString(), "--abi", "wapc");
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.matrix()).contains("rule 'exports its entry point': wapc-no-guest-call.wasm does not export __guest_call")
                .contains("REQUIRED case(s) failed");
    }

    @Test
    void aGuestThatTrapsFailsTheProfileWithRerunLinesOfThisCommand() throws Exception {
        Path guest = WasmTckProcess.guest("wapc-trapping.wasm", dir);
        var r = WasmTckProcess.run(dir, Map.of(), "check", guest.toString(), "--abi", "wapc");
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.matrix()).contains("3 REQUIRED case(s) failed").contains("expected [guest-error], got [trap]")
                .contains("rerun: wasm-tck check " + guest + " --abi wapc --select"
                        + " 'wapc/guest-profile#unknown-operation-is-a-guest-error[$guest=wapc-trapping.wasm on chicory]'");
        // The rerun line runs just that case.
        var rerun = WasmTckProcess.run(dir, Map.of(), "check", guest.toString(), "--abi", "wapc", "--select",
                "wapc/guest-profile#unknown-operation-is-a-guest-error[$guest=wapc-trapping.wasm on chicory]");
        assertThat(rerun.matrix()).as(rerun.toString()).contains("1 REQUIRED case(s) failed");
    }

    @Test
    void badUsageExitsTwoWithTheReason() throws Exception {
        Path guest = WasmTckProcess.guest("wapc-echo.wasm", dir);
        var noAbi = WasmTckProcess.run(dir, Map.of(), "check", guest.toString());
        assertThat(noAbi.exit()).isEqualTo(2);
        assertThat(noAbi.err()).contains("Missing required option: '--abi=ABI'");

        var unknownAbi = WasmTckProcess.run(dir, Map.of(), "check", guest.toString(), "--abi", "wasi-http");
        assertThat(unknownAbi.exit()).isEqualTo(2);
        assertThat(unknownAbi.err()).contains("--abi wasi-http is not an ABI this kit knows; known: [async-bridge, wapc, wasm-exec]");

        var noFile = WasmTckProcess.run(dir, Map.of(), "check", dir.resolve("missing.wasm").toString(), "--abi", "wapc");
        assertThat(noFile.exit()).isEqualTo(2);
        assertThat(noFile.err()).contains("no such guest: " + dir.resolve("missing.wasm"));

        var badShard = WasmTckProcess.run(dir, Map.of(), "check", guest.toString(), "--abi", "wapc", "--shard", "4/3");
        assertThat(badShard.exit()).isEqualTo(2);
        assertThat(badShard.err()).contains("shard 4/3 does not exist");

        var noCommand = WasmTckProcess.run(dir, Map.of());
        assertThat(noCommand.exit()).isEqualTo(2);
        assertThat(noCommand.err()).contains("Usage: wasm-tck");
    }

    @Test
    void aFolderWithoutRecipeIsAConfigurationErrorTheEngineReports() throws Exception {
        // Checked by the engine, not the command: its configuration node fails, and that is exit 2.
        var r = WasmTckProcess.run(dir, Map.of(), "check", dir.toString(), "--abi", "wapc");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("is a folder without a guest.yaml build recipe");
    }

    @Test
    void hostsListsChicoryWithItsAbis() throws Exception {
        var r = WasmTckProcess.run(dir, Map.of(), "hosts");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).containsPattern("(?m)^chicory\\s+\\S+\\s+async-bridge, wapc, wasm-exec\\s+.*wapc\\.concurrent");
    }
}
