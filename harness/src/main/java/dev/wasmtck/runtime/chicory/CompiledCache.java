package dev.wasmtck.runtime.chicory;

import com.dylibso.chicory.compiler.Cache;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Keeps the JVM classes Chicory's compiler makes from a module on disk, keyed by the module's
 * digest, so a module is translated once per machine rather than once per JVM: a Go test binary
 * of 7 MB takes tens of seconds to compile and a fraction of a second to load back.
 *
 * <p>Location: {@code wasm.tck.compile.cache} (system property), else
 * {@code ~/.cache/wasm-tck/chicory}; {@code none} turns it off. Entries are written to a temporary
 * file and renamed, so concurrent JVMs never read half an entry.
 */
final class CompiledCache implements Cache {
    private final Path dir;

    private CompiledCache(Path dir) {
        this.dir = dir;
    }

    /** The configured cache, or null when it is turned off. */
    static CompiledCache configured() {
        String setting = System.getProperty("wasm.tck.compile.cache");
        if ("none".equals(setting)) {
            return null;
        }
        Path dir = setting != null && !setting.isBlank() ? Path.of(setting)
                : Path.of(System.getProperty("user.home"), ".cache", "wasm-tck", "chicory");
        return new CompiledCache(dir);
    }

    private Path entry(String key) {
        // Digests are hex or base64; keep the file name portable whatever the encoding.
        return dir.resolve(key.replaceAll("[^A-Za-z0-9_-]", "_") + ".classes");
    }

    @Override
    public byte[] get(String key) throws IOException {
        try {
            return Files.readAllBytes(entry(key));
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    @Override
    public void putIfAbsent(String key, byte[] data) throws IOException {
        Path target = entry(key);
        if (Files.exists(target)) {
            return;
        }
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "entry", ".tmp");
        try {
            Files.write(tmp, data);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
