package dev.wasmtck.runtime.chicory;

import com.dylibso.chicory.compiler.Cache;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Properties;

/**
 * Keeps the JVM classes Chicory's compiler makes from a module on disk, keyed by the module's
 * digest, so a module is translated once per machine rather than once per JVM: a Go test binary
 * of 7 MB takes tens of seconds to compile and a fraction of a second to load back.
 *
 * <p>Location: {@code wasm.tck.compile.cache} (system property), else
 * {@code ~/.cache/wasm-tck/chicory}; {@code none} turns it off.
 *
 * <p>An entry is only used for the module it was made for: it starts with a header holding the
 * module's digest, the Chicory version that compiled it and a SHA-256 of the classes, and
 * {@link #get} checks all three. An entry that fails the check (another module's classes, a
 * truncated or foreign file, another Chicory) is reported once, removed, and the module compiled
 * again. Entries are written to a temporary file and renamed, so concurrent writers (threads or
 * JVMs) leave one whole entry and readers never see half of one.
 */
final class CompiledCache implements Cache {
    private static final System.Logger LOG = System.getLogger(CompiledCache.class.getName());
    private static final String MAGIC = "wasm-tck compiled classes v2";
    private static final String CHICORY = chicoryVersion();

    private final Path dir;
    private final String module;
    /** The key whose entry {@link #get} last returned, so a load failure can evict it. */
    private volatile String served;

    CompiledCache(Path dir, String module) {
        this.dir = dir;
        this.module = module;
    }

    /** The configured cache for compiling {@code module} (its name, for messages), or null when turned off. */
    static CompiledCache configured(String module) {
        String setting = System.getProperty("wasm.tck.compile.cache");
        if ("none".equals(setting)) {
            return null;
        }
        Path dir = setting != null && !setting.isBlank() ? Path.of(setting)
                : Path.of(System.getProperty("user.home"), ".cache", "wasm-tck", "chicory");
        return new CompiledCache(dir, module);
    }

    Path entry(String key) {
        // Digests are hex or base64; keep the file name portable whatever the encoding.
        return dir.resolve(key.replaceAll("[^A-Za-z0-9_-]", "_") + ".v2.classes");
    }

    /** The classes stored for {@code key} once they pass the check; null (and the entry gone) otherwise. */
    @Override
    public byte[] get(String key) throws IOException {
        String problem;
        try {
            Entry e = Entry.read(Files.readAllBytes(entry(key)));
            problem = e.problemFor(key);
            if (problem == null) {
                served = key;
                return e.classes;
            }
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            problem = "it is truncated, unreadable or no cache entry (" + e.getClass().getSimpleName() + ")";
        }
        evict(key, problem);
        return null;
    }

    /** An entry as stored: the header, then the classes. */
    private record Entry(String magic, String digest, String chicory, long length, byte[] sha, byte[] classes) {
        static Entry read(byte[] stored) throws IOException {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(stored))) {
                return new Entry(in.readUTF(), in.readUTF(), in.readUTF(), in.readLong(), in.readNBytes(32),
                        in.readAllBytes());
            }
        }

        /** Why this is not the entry asked for by {@code key}, or null when it is. */
        String problemFor(String key) {
            if (!MAGIC.equals(magic)) {
                return "it is no cache entry of this kit";
            }
            if (!digest.equals(key)) {
                return "it holds the classes of another module (digest " + digest + ")";
            }
            if (!chicory.equals(CHICORY)) {
                return "it was compiled by Chicory " + chicory + ", this is " + CHICORY;
            }
            if (classes.length != length || !Arrays.equals(sha, sha256(classes))) {
                return "its classes do not match their recorded digest (truncated or changed)";
            }
            return null;
        }
    }

    /** Stores the classes; a cache that cannot be written costs a compilation next time, not this one. */
    @Override
    public void putIfAbsent(String key, byte[] data) {
        try {
            store(key, data);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot store the compiled classes of {0} in {1}: {2}", module, dir, e);
        }
    }

    private void store(String key, byte[] data) throws IOException {
        Path target = entry(key);
        if (Files.exists(target)) {
            return;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(data.length + 128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(MAGIC);
            out.writeUTF(key);
            out.writeUTF(CHICORY);
            out.writeLong(data.length);
            out.write(sha256(data));
            out.write(data);
        }
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "entry", ".tmp");
        try {
            Files.write(tmp, bytes.toByteArray());
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Chicory could not load the classes {@link #get} returned for {@code key} (they passed the
     * check, so another writer stored something broken): removes the entry so it is compiled again.
     * False when this cache served nothing for {@code key}, so the failure was not the cache's.
     */
    boolean evictServed(String key, Throwable failure) {
        if (key == null || !key.equals(served)) {
            return false;
        }
        served = null;
        evict(key, "Chicory could not load its classes (" + failure + ")");
        return true;
    }

    private void evict(String key, String problem) {
        Path entry = entry(key);
        LOG.log(Level.WARNING, "compiled-class cache entry {0} for {1} cannot be used: {2}; removed, compiling the module again",
                entry, module, problem);
        try {
            Files.deleteIfExists(entry);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot remove {0}: {1}", entry, e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    private static String chicoryVersion() {
        try (InputStream in = MachineFactoryCompiler.class.getResourceAsStream(
                "/META-INF/maven/com.dylibso.chicory/compiler/pom.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
