package dev.wasmtck.internal.engine;

import dev.wasmtck.engine.WasmConformanceEngine;
import dev.wasmtck.internal.engine.Shard;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;

/** The shard of a test, fixed by its id, and the ServiceLoader filter that keeps one shard. */
class ShardTest {
    private static UniqueId target(int i) {
        return UniqueId.forEngine(WasmConformanceEngine.ENGINE_ID).append("file", "file:/cases/echo.yaml")
                .append("case", "echo-" + i).append("target", "g on chicory");
    }

    @Test
    void everyTestIsInExactlyOneShard() {
        int[] perShard = new int[4];
        for (int i = 0; i < 400; i++) {
            int in = 0;
            for (int s = 1; s <= 4; s++) {
                if (new Shard(s, 4).includes(target(i))) {
                    in++;
                    perShard[s - 1]++;
                }
            }
            assertThat(in).as("test %d", i).isEqualTo(1);
        }
        // Spread, not all in one: each shard of four holds a fair part of 400.
        assertThat(java.util.Arrays.stream(perShard).min().getAsInt()).isGreaterThan(60);
    }

    @Test
    void underASuiteEngineATestKeepsItsShard() {
        UniqueId plain = target(7);
        UniqueId nested = UniqueId.forEngine("junit-platform-suite").append("suite", "com.example.ConformanceTest")
                .append("engine", WasmConformanceEngine.ENGINE_ID).append("file", "file:/cases/echo.yaml")
                .append("case", "echo-7").append("target", "g on chicory");
        assertThat(Shard.stablePart(nested)).isEqualTo(Shard.stablePart(plain));
        for (int s = 1; s <= 3; s++) {
            assertThat(new Shard(s, 3).includes(nested)).isEqualTo(new Shard(s, 3).includes(plain));
        }
    }

    @Test
    void parsesIOfNAndSaysWhatIsWrong() {
        assertThat(Shard.parse(" 2/3 ")).isEqualTo(new Shard(2, 3));
        assertThatThrownBy(() -> Shard.parse("0/3")).hasMessageContaining("shard 0/3 does not exist");
        assertThatThrownBy(() -> Shard.parse("two of three")).hasMessageContaining("expected i/n");
    }

    @Test
    void bazelsIndexIsZeroBased() {
        assertThat(Shard.fromBazel(Map.of("TEST_TOTAL_SHARDS", "3", "TEST_SHARD_INDEX", "0"))).contains(new Shard(1, 3));
        assertThat(Shard.fromBazel(Map.of())).isEmpty();
    }

    @Test
    void theFilterKeepsOneShardOfBazelsAndTouchesTheStatusFile(@TempDir Path dir) {
        Path status = dir.resolve("status");
        ShardFilter filter = new ShardFilter(Map.of("TEST_TOTAL_SHARDS", "2", "TEST_SHARD_INDEX", "1",
                "TEST_SHARD_STATUS_FILE", status.toString()));
        EngineDescriptor engine = new EngineDescriptor(UniqueId.forEngine("other"), "other");
        int kept = 0;
        for (int i = 0; i < 50; i++) {
            UniqueId id = target(i);
            var test = new AbstractTestDescriptor(id, "t" + i) {
                @Override
                public Type getType() {
                    return Type.TEST;
                }
            };
            engine.addChild(test);
            boolean included = filter.apply(test).included();
            assertThat(included).isEqualTo(new Shard(2, 2).includes(id));
            kept += included ? 1 : 0;
        }
        assertThat(kept).isBetween(1, 49);
        assertThat(filter.apply(engine).included()).as("containers stay; the launcher prunes empty ones").isTrue();
        assertThat(Files.exists(status)).isTrue();
    }
}
