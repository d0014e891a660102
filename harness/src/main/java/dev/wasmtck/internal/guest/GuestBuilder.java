package dev.wasmtck.internal.guest;

import dev.wasmtck.internal.util.Sha256;
import dev.wasmtck.internal.yaml.CaseFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Builds guests from source inside toolchain containers and caches the results.
 *
 * <p>The cache key is a SHA-256 over the recipe, the toolchain and image name, the build command,
 * the relative path and content of every input file (guest folder plus includes, sorted) and the
 * image ID. Lookups never start a container and never probe Docker: when this JVM already talks
 * to Docker the image ID is checked; otherwise an index from "everything but the image ID" to the
 * last key built for it lets cached guests run on machines without Docker.
 *
 * <p>A hit is only used when the module still has the SHA-256 recorded in its metadata when it was
 * built; any other entry is reported once, removed and built again, so a swapped or damaged file
 * never runs.
 *
 * <p>Cache layout: {@code <key>.wasm}, {@code <key>.properties} (what was built, how, when) and
 * {@code index/<source digest>}. Files appear by atomic rename, and builds of the same sources are
 * serialised by a lock per source digest (within the JVM and, via a file lock, across JVMs), so
 * concurrent requests build once. Safe for concurrent use.
 */
public final class GuestBuilder {
    private static final System.Logger LOG = System.getLogger(GuestBuilder.class.getName());
    private static final int OUTPUT_TAIL_LINES = 60;
    /** The metadata key holding the SHA-256 (hex) of the built module, checked at every cache hit. */
    static final String WASM_DIGEST = "wasmSha256";
    /** In-JVM locks by lock-file path: FileLock alone would throw for a second thread of this JVM. */
    private static final Map<Path, Object> JVM_LOCKS = new ConcurrentHashMap<>();

    private final Path guestsRoot;
    private final Path cacheDir;
    private final Map<String, String> imageOverrides;
    private final boolean dockerRequired;
    private final BuildBackend backend;
    /** Image name to the reason it could not be pulled (see pullOnce). */
    private final Map<String, String> unavailableImages = new ConcurrentHashMap<>();

    /**
     * @param guestsRoot     folder holding guest folders (e.g. the repository's {@code guests/})
     * @param cacheDir       where built modules are kept; created when missing
     * @param imageOverrides toolchain name to image, replacing {@link Toolchain#defaultImage()}
     * @param dockerRequired when true a missing or unusable Docker engine is a build error, not an
     *                       abort; an image that cannot be pulled aborts either way
     */
    public GuestBuilder(Path guestsRoot, Path cacheDir, Map<String, String> imageOverrides, boolean dockerRequired) {
        this(guestsRoot, cacheDir, imageOverrides, dockerRequired, new TestcontainersBackend());
    }

    GuestBuilder(Path guestsRoot, Path cacheDir, Map<String, String> imageOverrides, boolean dockerRequired,
            BuildBackend backend) {
        this.guestsRoot = guestsRoot.toAbsolutePath().normalize();
        this.cacheDir = cacheDir.toAbsolutePath().normalize();
        this.imageOverrides = imageOverrides == null ? Map.of() : Map.copyOf(imageOverrides);
        this.dockerRequired = dockerRequired;
        this.backend = backend;
    }

    /**
     * Returns the built guest, from the cache when possible.
     *
     * @param guestFolder        relative to the guests root, e.g. {@code c/message}
     * @param toolchainOverride  a toolchain name replacing the recipe's, or null
     * @throws CaseFormatException        guest.yaml is invalid (message starts with file:line)
     * @throws GuestUnavailableException  the toolchain image cannot be had, or no Docker and Docker is
     *                                    not required
     * @throws GuestBuildException        the build failed (or Docker is required and missing)
     */
    public BuiltGuest build(String guestFolder, String toolchainOverride) {
        Plan plan = plan(guestFolder, toolchainOverride);
        BuiltGuest hit = lookup(plan, false);
        if (hit != null) {
            return hit;
        }
        return underLock(plan.sourceDigest, () -> {
            // Another thread or JVM may have built it meanwhile; under the lock a bad entry is repaired.
            BuiltGuest again = lookup(plan, true);
            return again != null ? again : compileAndStore(plan);
        });
    }

    /** Everything about a request that can be known without Docker. */
    record Plan(String name, Path folder, GuestRecipe recipe, Toolchain toolchain, String image,
            List<BuildBackend.InputFile> files, String sourceDigest) {}

    Plan plan(String guestFolder, String toolchainOverride) {
        Path folder = guestsRoot.resolve(guestFolder).normalize();
        if (!folder.startsWith(guestsRoot) || folder.equals(guestsRoot)) {
            throw new IllegalArgumentException("guest folder must be inside " + guestsRoot + ": " + guestFolder);
        }
        Path recipeFile = folder.resolve(GuestRecipe.FILE_NAME);
        if (!Files.isRegularFile(recipeFile)) {
            throw new IllegalArgumentException("no " + GuestRecipe.FILE_NAME + " in guest folder " + folder);
        }
        GuestRecipe recipe = GuestRecipe.read(recipeFile);
        String toolchainName = toolchainOverride != null ? toolchainOverride : recipe.toolchain();
        Toolchain toolchain = Toolchain.named(toolchainName).orElseThrow(() -> new IllegalArgumentException(
                "unknown toolchain override '" + toolchainName + "'; known: " + Toolchain.names()));
        String image = toolchain.image(imageOverrides);

        List<Path> roots = new ArrayList<>();
        roots.add(folder);
        for (int i = 0; i < recipe.include().size(); i++) {
            Path inc = folder.resolve(recipe.include().get(i)).normalize();
            if (!inc.startsWith(guestsRoot)) {
                throw new CaseFormatException(recipe.includeWhere(i),
                        "include '" + recipe.include().get(i) + "' leaves the guests root " + guestsRoot);
            }
            if (!Files.isDirectory(inc)) {
                throw new CaseFormatException(recipe.includeWhere(i),
                        "include '" + recipe.include().get(i) + "' is not a folder (" + inc + ")");
            }
            roots.add(inc);
        }
        List<BuildBackend.InputFile> files = inputFiles(roots);
        String name = relative(folder);
        return new Plan(name, folder, recipe, toolchain, image, files,
                sourceDigest(recipe, toolchain.name(), image, files));
    }

    private List<BuildBackend.InputFile> inputFiles(List<Path> roots) {
        // A sorted set of relative paths: overlapping includes count once, order is stable.
        java.util.TreeMap<String, Path> byRelative = new java.util.TreeMap<>();
        for (Path root : roots) {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile).forEach(p -> byRelative.put(relative(p), p));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + root, e);
            }
        }
        List<BuildBackend.InputFile> files = new ArrayList<>();
        byRelative.forEach((rel, p) -> files.add(new BuildBackend.InputFile(rel, p)));
        return files;
    }

    private String relative(Path p) {
        return guestsRoot.relativize(p).toString().replace('\\', '/');
    }

    static String sourceDigest(GuestRecipe recipe, String toolchain, String image, List<BuildBackend.InputFile> files) {
        MessageDigest md = Sha256.digest();
        update(md, "wasm-tck guest cache v1");
        update(md, recipe.canonical());
        update(md, toolchain);
        update(md, image);
        update(md, recipe.build());
        for (BuildBackend.InputFile f : files) {
            update(md, f.relativePath());
            try {
                byte[] content = Files.readAllBytes(f.hostPath());
                update(md, Long.toString(content.length));
                md.update(content);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + f.hostPath(), e);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static String cacheKey(String sourceDigest, String imageId) {
        MessageDigest md = Sha256.digest();
        update(md, sourceDigest);
        update(md, imageId);
        return HexFormat.of().formatHex(md.digest());
    }

    /** Length-prefixed, so that no two different field sequences hash alike. */
    private static void update(MessageDigest md, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        md.update((b.length + ":").getBytes(StandardCharsets.US_ASCII));
        md.update(b);
    }

    /** A verified cache entry for the plan, or null; with {@code repair}, a bad entry is reported and removed. */
    private BuiltGuest lookup(Plan plan, boolean repair) {
        String key = null;
        String how;
        if (backend.knownAvailable()) {
            Optional<String> id = backend.localImageId(plan.image);
            if (id.isPresent()) {
                key = cacheKey(plan.sourceDigest, id.get());
                how = "image " + plan.image + " " + id.get();
            } else {
                how = "index; image " + plan.image + " not present";
            }
        } else {
            how = "index; image not checked";
        }
        if (key == null) {
            key = readIndex(plan.sourceDigest).orElse(null);
            if (key == null) {
                return null;
            }
        }
        return verified(plan, key, how, repair);
    }

    /**
     * The entry under {@code key} when its module still has the SHA-256 recorded when it was built.
     * A missing entry is null; a bad one (changed, swapped, truncated, or without a digest) is null
     * too, and with {@code repair} it is reported and removed, so the caller builds it anew.
     */
    private BuiltGuest verified(Plan plan, String key, String how, boolean repair) {
        Path wasm = wasmPath(key);
        if (!Files.isRegularFile(wasm)) {
            return null;
        }
        String problem;
        try {
            String expected = readMetadata(key).getProperty(WASM_DIGEST);
            String actual = Sha256.hex(Files.readAllBytes(wasm));
            if (expected == null) {
                problem = "no digest of the module is recorded (written by an older kit)";
            } else if (!expected.equals(actual)) {
                problem = "the module changed since it was built (SHA-256 " + actual + ", recorded " + expected + ")";
            } else {
                LOG.log(Level.INFO, "cache hit for guest {0} ({1}; digest checked): {2}", plan.name, how, wasm);
                return new BuiltGuest(plan.name, wasm, true, key, actual);
            }
        } catch (IOException e) {
            problem = "it cannot be read (" + e + ")";
        }
        if (repair) {
            LOG.log(Level.WARNING, "guest cache entry {0} for guest {1} cannot be used: {2}; removed, building it again",
                    wasm, plan.name, problem);
            deleteQuietly(wasm);
            deleteQuietly(cacheDir.resolve(key + ".properties"));
        }
        return null;
    }

    private BuiltGuest compileAndStore(Plan plan) {
        if (!backend.dockerAvailable()) {
            throw unavailable("Docker not available: cannot build guest " + plan.name + " (no cached build of"
                    + " these sources either). Start a Docker engine (ci/lib/docker.sh: ensure_docker) and set"
                    + " TESTCONTAINERS_RYUK_DISABLED=true where no registry is reachable.", null);
        }
        String imageId = backend.localImageId(plan.image).orElse(null);
        if (imageId == null) {
            imageId = pullOnce(plan);
        }
        String key = cacheKey(plan.sourceDigest, imageId);
        Path wasm = wasmPath(key);
        BuiltGuest elsewhere = verified(plan, key, "built elsewhere", true);
        if (elsewhere != null) {   // built elsewhere with an index we did not see
            writeIndex(plan.sourceDigest, key);
            return elsewhere;
        }
        LOG.log(Level.INFO, "building guest {0} in {1}: {2}", plan.name, plan.image, plan.recipe.build());
        long start = System.nanoTime();
        Path tmp = null;
        String digest;
        try {
            Files.createDirectories(cacheDir);
            tmp = Files.createTempFile(cacheDir, key, ".wasm.tmp");
            BuildBackend.Result r;
            try {
                r = backend.compile(plan.image, plan.files, plan.name, plan.recipe.build(), plan.recipe.output(), tmp);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GuestBuildException("interrupted while building guest " + plan.name, e);
            } catch (Exception e) {
                throw unavailable("Toolchain container for guest " + plan.name + " could not run in " + plan.image
                        + ": " + reason(e) + ryukHint(e), e);
            }
            if (r.exitCode() != 0) {
                throw new GuestBuildException("guest " + plan.name + " failed to build: command `" + plan.recipe.build()
                        + "` exited with " + r.exitCode() + " in " + plan.image + "; output (last "
                        + OUTPUT_TAIL_LINES + " lines):\n" + tail(r.output()));
            }
            if (!r.outputCopied() || Files.size(tmp) == 0) {
                throw new GuestBuildException("guest " + plan.name + ": command `" + plan.recipe.build()
                        + "` succeeded but produced no " + plan.recipe.output() + "; output:\n" + tail(r.output()));
            }
            digest = Sha256.hex(Files.readAllBytes(tmp));
            writeMetadata(plan, key, imageId, digest, System.nanoTime() - start);
            moveAtomically(tmp, wasm);
            tmp = null;
            writeIndex(plan.sourceDigest, key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the guest cache " + cacheDir, e);
        } finally {
            deleteQuietly(tmp);
        }
        LOG.log(Level.INFO, "built guest {0} in {1} ms: {2}", plan.name, (System.nanoTime() - start) / 1_000_000, wasm);
        return new BuiltGuest(plan.name, wasm, false, key, digest);
    }

    /**
     * Pulls a missing image, at most once per image and builder: after a failure every later
     * build with that image aborts at once with the same reason. An image that cannot be had
     * aborts its guests even when Docker is required, because Docker itself works: a toolchain
     * the machine cannot get (TinyGo where no registry is reachable) is reported, not a failure.
     */
    private String pullOnce(Plan plan) {
        String known = unavailableImages.get(plan.image);
        if (known == null) {
            try {
                LOG.log(Level.INFO, "pulling toolchain image {0}", plan.image);
                return backend.pull(plan.image);
            } catch (Exception e) {
                Toolchain t = plan.toolchain;
                known = t.label() + " toolchain image " + plan.image + " not available: " + reason(e) + "; set "
                        + t.imageKey() + " to an image that has it"
                        + (t.hasLocalRecipe()
                                ? " (e.g. " + t.localImage() + ", built by ci/images/build-local.sh " + t.name() + ")"
                                : " (the kit has no local recipe for " + t.label() + ")");
                unavailableImages.putIfAbsent(plan.image, known);
                throw new GuestUnavailableException("guest " + plan.name + ": " + known, e);
            }
        }
        throw new GuestUnavailableException("guest " + plan.name + ": " + known);
    }

    private RuntimeException unavailable(String message, Throwable cause) {
        if (dockerRequired) {
            return new GuestBuildException(message + " (Docker is required by configuration)", cause);
        }
        return new GuestUnavailableException(message, cause);
    }

    private static String reason(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.strip();
    }

    private static String ryukHint(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("ryuk")) {
                return " (set TESTCONTAINERS_RYUK_DISABLED=true when no registry is reachable)";
            }
        }
        return "";
    }

    static String tail(String output) {
        String[] lines = output.strip().split("\\R");
        int from = Math.max(0, lines.length - OUTPUT_TAIL_LINES);
        return String.join("\n", java.util.Arrays.copyOfRange(lines, from, lines.length));
    }

    Path wasmPath(String key) {
        return cacheDir.resolve(key + ".wasm");
    }

    private Path indexPath(String sourceDigest) {
        return cacheDir.resolve("index").resolve(sourceDigest);
    }

    private Optional<String> readIndex(String sourceDigest) {
        Path p = indexPath(sourceDigest);
        try {
            return Files.isRegularFile(p) ? Optional.of(Files.readString(p, StandardCharsets.US_ASCII).strip())
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();   // an unreadable index only costs a rebuild
        }
    }

    private void writeIndex(String sourceDigest, String key) {
        try {
            writeAtomically(indexPath(sourceDigest), key + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the guest cache index in " + cacheDir, e);
        }
    }

    private Properties readMetadata(String key) throws IOException {
        Properties p = new Properties();
        try (java.io.Reader r = Files.newBufferedReader(cacheDir.resolve(key + ".properties"), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }

    private void writeMetadata(Plan plan, String key, String imageId, String wasmDigest, long nanos) throws IOException {
        Properties p = new Properties();
        p.setProperty(WASM_DIGEST, wasmDigest);
        p.setProperty("guest", plan.name);
        p.setProperty("toolchain", plan.toolchain.name());
        p.setProperty("image", plan.image);
        p.setProperty("imageId", imageId);
        p.setProperty("command", plan.recipe.build());
        p.setProperty("output", plan.recipe.output());
        p.setProperty("sourceDigest", plan.sourceDigest);
        p.setProperty("inputFiles", Integer.toString(plan.files.size()));
        p.setProperty("builtAt", Instant.now().toString());
        p.setProperty("buildMillis", Long.toString(nanos / 1_000_000));
        java.io.StringWriter w = new java.io.StringWriter();
        p.store(w, "wasm-tck guest build");
        writeAtomically(cacheDir.resolve(key + ".properties"), w.toString());
    }

    private void writeAtomically(Path target, String content) throws IOException {
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            moveAtomically(tmp, target);
            tmp = null;
        } finally {
            deleteQuietly(tmp);
        }
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a stray temp file in the cache is harmless
            }
        }
    }

    private interface Work {
        BuiltGuest run();
    }

    private BuiltGuest underLock(String sourceDigest, Work work) {
        Path lockFile = cacheDir.resolve("locks").resolve(sourceDigest + ".lock");
        Object jvmLock = JVM_LOCKS.computeIfAbsent(lockFile, k -> new Object());
        synchronized (jvmLock) {
            try {
                Files.createDirectories(lockFile.getParent());
                try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                        FileLock ignored = ch.lock()) {
                    return work.run();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot lock " + lockFile, e);
            }
        }
    }

    /** For tests: the keys a request would use with the given image ID. */
    String[] keys(String guestFolder, String toolchainOverride, String imageId) {
        Plan plan = plan(guestFolder, toolchainOverride);
        return new String[] {plan.sourceDigest, cacheKey(plan.sourceDigest, imageId)};
    }
}
