package dev.wasmtck.runtime.endive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.runtime.CompiledClassCache;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import run.endive.wasm.Parser;

/**
 * Endive's compiler goes through the kit's compiled-class cache (CompiledCacheTest covers the cache
 * itself on Chicory): entries are Endive's own, loaded back, and classes Endive cannot load are
 * replaced.
 */
class EndiveCacheTest {
    /** A module whose export {@code f} returns 42. */
    private static final byte[] FORTY_TWO = {0, 'a', 's', 'm', 1, 0, 0, 0, 1, 5, 1, 0x60, 0, 1, 0x7f, 3, 2, 1, 0,
        7, 5, 1, 1, 'f', 0, 0, 10, 6, 1, 4, 0, 0x41, 42, 0x0b};

    @TempDir
    Path dir;

    private CompiledClassCache cache() {
        return new CompiledClassCache(dir, "Endive", "test", "m");
    }

    private long run() throws GuestFault {
        return new EndiveRuntime(true, name -> cache()).compile("m", FORTY_TWO).instantiate(List.of(), 1)
                .function("f").call()[0];
    }

    private String key() {
        return Parser.parse(FORTY_TWO).digest();
    }

    @Test
    void classesAreStoredAsEndivesAndLoadedBack() throws Exception {
        assertThat(run()).isEqualTo(42);
        Path entry = cache().entry(key());
        assertThat(entry).isRegularFile();
        assertThat(entry.getFileName().toString()).contains(".endive.");
        byte[] stored = Files.readAllBytes(entry);
        assertThat(run()).isEqualTo(42);
        assertThat(Files.readAllBytes(entry)).as("loaded back, not rewritten").isEqualTo(stored);
        // Chicory's entry for the same module would be another file: the runtimes never share classes.
        assertThat(new CompiledClassCache(dir, "Chicory", "test", "m").entry(key())).isNotEqualTo(entry);
    }

    @Test
    void classesEndiveCannotLoadAreReplaced() throws Exception {
        byte[] garbage = "garbage".getBytes(StandardCharsets.UTF_8);
        cache().putIfAbsent(key(), garbage);
        assertThat(run()).isEqualTo(42);
        assertThat(cache().get(key())).isNotNull().isNotEqualTo(garbage);
    }
}
