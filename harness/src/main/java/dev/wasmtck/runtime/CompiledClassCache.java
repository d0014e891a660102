package dev.wasmtck.runtime;

import org.apiguardian.api.API;
import dev.wasmtck.Constants;
import dev.wasmtck.internal.util.Sha256;
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
import java.util.Arrays;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * Keeps the JVM classes a runtime's wasm-to-bytecode compiler makes from a module on disk, keyed by
 * the module's digest, so a module is translated once per machine rather than once per JVM: a Go
 * test binary of 7 MB takes tens of seconds to compile and a fraction of a second to load back.
 * Runtime-neutral: Chicory's and Endive's compilers take it through their own {@code Cache}
 * interfaces (same two methods), each binding adapting it in one line.
 *
 * <p>Location: {@code wasm.tck.compile.cache} (system property), else
 * {@code ~/.cache/wasm-tck/<runtime>}; {@code none} turns it off. Entry files are named by digest,
 * runtime and compiler version, so runtimes sharing a configured folder never read each other's entries
 * and two versions of one runtime (two checkouts, an upgrade) keep theirs side by side.
 *
 * <p>An entry is only used for the module it was made for: it starts with a header holding the
 * module's digest, the runtime and version that compiled it and a SHA-256 of the classes, and
 * {@link #get} checks all of them. An entry that fails the check (another module's classes, a
 * truncated or foreign file, another runtime version) is reported once, removed, and the module
 * compiled again. Entries are written to a temporary file and renamed, so concurrent writers
 * (threads or JVMs) leave one whole entry and readers never see half of one.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class CompiledClassCache {
    private static final System.Logger LOG = System.getLogger(CompiledClassCache.class.getName());
    private static final String MAGIC = "wasm-tck compiled classes v3";

    private final Path dir;
    /** The runtime as people name it ("Chicory"), for messages; lower-cased in file and folder names. */
    private final String runtime;
    private final String version;
    /** Runtime and version, as entry headers record them. */
    private final String compiler;
    private final String module;
    /** The key whose entry {@link #get} last returned, so a load failure can evict it. */
    private volatile String served;
    /** The classes {@link #holds} found, handed to the next {@link #get} of that key without reading again. */
    private volatile Checked held;

    private record Checked(String key, byte[] classes) {}

    /**
     * @param runtime the runtime's name, e.g. {@code Chicory}
     * @param version the version of the runtime's compiler; entries of any other are not used
     * @param module the module's name, for messages
     */
    public CompiledClassCache(Path dir, String runtime, String version, String module) {
        this.dir = dir;
        this.runtime = runtime;
        this.version = version;
        this.compiler = runtime + " " + version;
        this.module = module;
    }

    /** The configured cache for compiling {@code module} on {@code runtime}, or null when turned off. */
    public static CompiledClassCache configured(String runtime, String version, String module) {
        String setting = System.getProperty(Constants.COMPILE_CACHE);
        if ("none".equals(setting)) {
            return null;
        }
        Path dir = setting != null && !setting.isBlank() ? Path.of(setting)
                : Path.of(System.getProperty("user.home"), ".cache", "wasm-tck", runtime.toLowerCase(java.util.Locale.ROOT));
        return new CompiledClassCache(dir, runtime, version, module);
    }

    /** The Maven version in a jar's {@code pom.properties} beside {@code anchor}, or {@code unknown}. */
    public static String mavenVersion(Class<?> anchor, String groupId, String artifactId) {
        try (InputStream in = anchor.getResourceAsStream("/META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * Runs {@code compile} (which reads and writes through this cache); when it fails on classes this
     * cache served, evicts them and compiles once more. {@code cache} may be null (no caching).
     * Whatever the compiler throws otherwise propagates.
     */
    public static <T> T compile(CompiledClassCache cache, String key, Supplier<T> compile) {
        try {
            return compile.get();
        } catch (RuntimeException e) {
            if (cache == null || !cache.evictServed(key, e)) {
                throw e;
            }
            return compile.get();   // the broken entry is gone: this compiles and stores anew
        }
    }

    public Path entry(String key) {
        // Digests are hex or base64, versions may hold anything; keep the file name portable.
        return dir.resolve(unversioned(key).replace(".v3.classes", "." + version.replaceAll("[^A-Za-z0-9_.-]", "_")
                + ".v3.classes"));
    }

    /** The file name of {@code key}'s entry before names held the version. */
    private String unversioned(String key) {
        return key.replaceAll("[^A-Za-z0-9_-]", "_") + "." + runtime.toLowerCase(java.util.Locale.ROOT) + ".v3.classes";
    }

    /**
     * Whether a good entry for {@code key} is stored (checked as {@link #get} checks it; a bad one is removed).
     * The runtime may then skip validating the module: the entry was made from these very bytes, validated.
     */
    public boolean holds(String key) {
        return check(key) != null;
    }

    /** {@link #holds}, returning the stored classes (the runtime's own format), or null. */
    public byte[] check(String key) {
        byte[] classes = get(key);
        held = classes == null ? null : new Checked(key, classes);
        return classes;
    }

    /** The classes stored for {@code key} once they pass the check; null (and the entry gone) otherwise. */
    public byte[] get(String key) {
        Checked h = held;
        if (h != null && h.key().equals(key)) {
            held = null;
            served = key;
            return h.classes();
        }
        adoptUnversioned(key);
        String problem;
        try {
            Entry e = Entry.read(Files.readAllBytes(entry(key)));
            problem = e.problemFor(key, compiler);
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

    /**
     * Entries made before file names held the version ({@code <digest>.<runtime>.v3.classes}) are linked
     * under the versioned name when their header names this compiler, so an update of the kit does not
     * recompile every module; the old name stays for kits of that time sharing the folder.
     */
    private void adoptUnversioned(String key) {
        Path old = dir.resolve(unversioned(key));
        try {
            if (Files.isRegularFile(old) && !Files.exists(entry(key))
                    && compiler.equals(Entry.read(Files.readAllBytes(old)).compiler())) {
                try {
                    Files.createLink(entry(key), old);
                } catch (UnsupportedOperationException e) {
                    Files.copy(old, entry(key));
                }
            }
        } catch (IOException | RuntimeException e) {
            // Another reader linked it first, or it is unreadable: either way the versioned name decides.
        }
    }

    /** An entry as stored: the header, then the classes. */
    private record Entry(String magic, String digest, String compiler, long length, byte[] sha, byte[] classes) {
        static Entry read(byte[] stored) throws IOException {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(stored))) {
                return new Entry(in.readUTF(), in.readUTF(), in.readUTF(), in.readLong(), in.readNBytes(32),
                        in.readAllBytes());
            }
        }

        /** Why this is not the entry asked for by {@code key}, or null when it is. */
        String problemFor(String key, String expectedCompiler) {
            if (!MAGIC.equals(magic)) {
                return "it is no cache entry of this kit";
            }
            if (!digest.equals(key)) {
                return "it holds the classes of another module (digest " + digest + ")";
            }
            if (!compiler.equals(expectedCompiler)) {
                return "it was compiled by " + compiler + ", this is " + expectedCompiler;
            }
            if (classes.length != length || !Arrays.equals(sha, Sha256.of(classes))) {
                return "its classes do not match their recorded digest (truncated or changed)";
            }
            return null;
        }
    }

    /** Stores the classes; a cache that cannot be written costs a compilation next time, not this one. */
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
            out.writeUTF(compiler);
            out.writeLong(data.length);
            out.write(Sha256.of(data));
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
     * The runtime could not load the classes {@link #get} returned for {@code key} (they passed the
     * check, so another writer stored something broken): removes the entry so it is compiled again.
     * False when this cache served nothing for {@code key}, so the failure was not the cache's.
     */
    boolean evictServed(String key, Throwable failure) {
        if (key == null || !key.equals(served)) {
            return false;
        }
        served = null;
        evict(key, runtime + " could not load its classes (" + failure + ")");
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
}
