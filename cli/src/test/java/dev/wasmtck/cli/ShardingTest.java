package dev.wasmtck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sharding through the ServiceLoader filter, as {@code --shard} and as Bazel asks for it: the shards
 * of a run are disjoint, together they are the run, and their merged report is the run's report.
 */
class ShardingTest {
    @TempDir
    Path dir;

    @Test
    void threeShardsAreDisjointAndMergeIntoTheUnshardedRun() throws Exception {
        Path cases = CaseFiles.echo(dir, 20, "wrong-echo");
        var whole = WasmTckProcess.run(dir, Map.of(), "run", cases.toString(), "--report-dir", "whole");
        assertThat(whole.exit()).as(whole.toString()).isEqualTo(1);
        Set<String> all = uniqueIds(dir.resolve("whole"));
        assertThat(all).hasSize(21);

        Set<String> union = new HashSet<>();
        List<String> reports = new ArrayList<>(List.of("report", "merge", "--report-dir", "merged"));
        for (int i = 1; i <= 3; i++) {
            var shard = WasmTckProcess.run(dir, Map.of(), "run", cases.toString(), "--shard", i + "/3", "--report-dir", "shard-" + i);
            assertThat(shard.exit()).as(shard.toString()).isIn(0, 1);
            Set<String> mine = uniqueIds(dir.resolve("shard-" + i));
            assertThat(mine).as("shard %d/3 shares no test with the shards before it", i).noneMatch(union::contains);
            assertThat(mine.size()).as("shard %d/3 holds a part, not all", i).isLessThan(all.size());
            union.addAll(mine);
            reports.add("shard-" + i + "/conformance-report.json");
        }
        assertThat(union).isEqualTo(all);

        var merged = WasmTckProcess.run(dir, Map.of(), reports.toArray(String[]::new));
        assertThat(merged.exit()).as(merged.toString()).isEqualTo(1);
        assertThat(merged.matrix()).isEqualTo(whole.matrix());
        assertThat(uniqueIds(dir.resolve("merged"))).isEqualTo(all);
    }

    @Test
    void bazelsShardVariablesSelectTheSameShardAndTouchTheStatusFile() throws Exception {
        Path cases = CaseFiles.echo(dir, 12);
        var flag = WasmTckProcess.run(dir, Map.of(), "run", cases.toString(), "--shard", "2/2", "--report-dir", "flag");
        Path status = dir.resolve("shard-status");
        var bazel = WasmTckProcess.run(dir, Map.of("TEST_TOTAL_SHARDS", "2", "TEST_SHARD_INDEX", "1",
                "TEST_SHARD_STATUS_FILE", status.toString()), "run", cases.toString(), "--report-dir", "bazel");
        assertThat(bazel.exit()).as(bazel.toString()).isZero();
        assertThat(uniqueIds(dir.resolve("bazel"))).isEqualTo(uniqueIds(dir.resolve("flag"))).hasSizeLessThan(12);
        assertThat(flag.exit()).isZero();
        assertThat(status).exists();
    }

    private static Set<String> uniqueIds(Path reportDir) throws Exception {
        JsonNode report = new ObjectMapper().readTree(Files.readString(reportDir.resolve("conformance-report.json")));
        Set<String> ids = new HashSet<>();
        report.get("results").forEach(r -> ids.add(r.get("unique-id").asText()));
        return ids;
    }
}
