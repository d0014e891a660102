package dev.wasmtck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --fix}: a known-failure list rewritten from a full run, keeping what people wrote. */
class KnownFailureFixTest {
    private static final String BEFORE = """
            # Where chicory differs from these cases (a test's list).
            format: 1
            host: chicory
            failures:
              # still fails the same way: stays as it is
              - case: cases/echo#still-wrong
                message: "output differs"
                reason: the guest is wrong on purpose

              # passes now: goes, with this comment
              - case: cases/echo#echo-2
                message: "output differs"
                reason: fixed since

              # fails, but differently: stays with a new message
              - case: cases/echo#changed-wrong
                message: "the call failed"
                reason: >-
                  a reason over
                  two lines

              - case: cases/other#elsewhere
                message: "output differs"
                reason: a case file outside the run stays
            """;

    @TempDir
    Path dir;

    @Test
    void aFullRunRewritesTheListToHoldExactlyItsFailures() throws Exception {
        Path cases = CaseFiles.echo(dir, 3, "still-wrong", "changed-wrong", "newly-wrong");
        Files.writeString(cases.resolve("other.yaml"), Files.readString(cases.resolve("echo.yaml")));
        Path list = dir.resolve("chicory.yaml");
        Files.writeString(list, BEFORE);

        var fix = WasmTckProcess.run(dir, Map.of(), "run", cases.resolve("echo.yaml").toString(), "--host", "chicory",
                "--fix", list.toString());
        assertThat(fix.exit()).as(fix.toString()).isZero();
        assertThat(fix.out()).contains("2 kept, 1 with a new message, 1 removed, 1 added");

        String after = Files.readString(list);
        assertThat(after).startsWith("""
                # Where chicory differs from these cases (a test's list).
                format: 1
                host: chicory
                failures:
                  # still fails the same way: stays as it is
                  - case: cases/echo#still-wrong
                    message: "output differs"
                    reason: the guest is wrong on purpose

                  # fails, but differently: stays with a new message
                  - case: cases/echo#changed-wrong
                    message: "output differs at $: expected text \\"not changed-wrong\\" but was \\"changed-wrong\\" (first difference at byte 0)"
                    reason: >-
                      a reason over
                      two lines

                  - case: cases/other#elsewhere
                    message: "output differs"
                    reason: a case file outside the run stays

                  - case: cases/echo#newly-wrong
                    message: "output differs at $: expected text \\"not newly-wrong\\" but was \\"newly-wrong\\" (first difference at byte 1)"
                    reason: "TODO:""").doesNotContain("echo-2").doesNotContain("passes now");

        // The engine agrees: with the rewritten list the run is green, its failures all known.
        var again = WasmTckProcess.run(dir, Map.of(), "run", cases.resolve("echo.yaml").toString(), "--host", "chicory",
                "--known-failures", list.toString());
        assertThat(again.exit()).as(again.toString()).isZero();
        assertThat(again.matrix()).containsPattern("total\\s+3\\s+0\\s+0\\s+0\\s+0\\s+3");
    }

    @Test
    void aPartialRunIsRefusedAndTheListLeftAlone() throws Exception {
        Path cases = CaseFiles.echo(dir, 2, "wrong");
        Path list = dir.resolve("chicory.yaml");
        Files.writeString(list, BEFORE);
        var selected = WasmTckProcess.run(dir, Map.of(), "run", cases.toString(), "--host", "chicory",
                "--select", "cases/echo#wrong", "--fix", list.toString());
        assertThat(selected.exit()).isEqualTo(2);
        assertThat(selected.err()).contains("--fix needs a full run, but --select narrows the run");
        var sharded = WasmTckProcess.run(dir, Map.of("TEST_TOTAL_SHARDS", "2", "TEST_SHARD_INDEX", "0"), "run",
                cases.toString(), "--host", "chicory", "--fix", list.toString());
        assertThat(sharded.exit()).isEqualTo(2);
        assertThat(sharded.err()).contains("--fix needs a full run, but TEST_TOTAL_SHARDS/TEST_SHARD_INDEX shard it");
        var noHost = WasmTckProcess.run(dir, Map.of(), "run", cases.toString(), "--fix", list.toString());
        assertThat(noHost.exit()).isEqualTo(2);
        assertThat(noHost.err()).contains("name that host with --host");
        assertThat(Files.readString(list)).isEqualTo(BEFORE);
    }
}
