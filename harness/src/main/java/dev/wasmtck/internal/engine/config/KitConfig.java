package dev.wasmtck.internal.engine.config;

import dev.wasmtck.Constants;
import dev.wasmtck.runtime.Limits;
import dev.wasmtck.internal.yaml.BoundedFiles;
import dev.wasmtck.internal.yaml.Units;
import dev.wasmtck.internal.yaml.YamlFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.platform.engine.ConfigurationParameters;

/**
 * The kit's configuration, read once from JUnit configuration parameters (system properties,
 * {@code junit-platform.properties}, {@code @ConfigurationParameter}). The keys are in
 * {@link Constants}; docs/configuration.md lists them.
 */
public record KitConfig(
        String casesRoot,
        Path guestsDir,
        Path cacheDir,
        boolean dockerRequired,
        Map<String, String> toolchainImages,
        Set<String> hosts,
        Limits defaults,
        ConfigurationParameters raw) {

    public static KitConfig from(ConfigurationParameters p) {
        Map<String, String> images = new TreeMap<>();
        String[] image = Constants.TOOLCHAIN_IMAGE.split("<name>");
        for (String key : p.keySet()) {
            if (key.startsWith(image[0]) && key.endsWith(image[1]) && key.length() > image[0].length() + image[1].length()) {
                String name = key.substring(image[0].length(), key.length() - image[1].length());
                p.get(key).ifPresent(v -> images.put(name, v));
            }
        }
        // A blank value means "every host on the classpath", like an absent one.
        Set<String> hosts = new LinkedHashSet<>();
        p.get(Constants.HOSTS).ifPresent(v -> Arrays.stream(v.split(",")).map(String::trim)
                .filter(h -> !h.isEmpty()).forEach(hosts::add));
        Limits defaults = new Limits(
                p.get(Constants.TIMEOUT_DEFAULT).flatMap(Units::duration).orElse(Limits.DEFAULT.timeout()),
                p.get(Constants.MEMORY_DEFAULT).flatMap(Units::bytes).orElse(Limits.DEFAULT.maxMemoryBytes()));
        return new KitConfig(
                p.get(Constants.CASES_ROOT).orElse("conformance"),
                p.get(Constants.GUESTS_DIR).map(Path::of).orElseGet(KitConfig::findGuestsDir),
                p.get(Constants.CACHE_DIR).map(Path::of).orElseGet(KitConfig::defaultGuestCache),
                p.getBoolean(Constants.DOCKER_REQUIRED).orElse(false),
                Map.copyOf(images),
                Set.copyOf(hosts),
                defaults,
                p);
    }

    /**
     * Narrows a run to some files or cases, named {@code async-bridge/message} or
     * {@code async-bridge/message#hello-world}: the rerun handle for tools like Surefire that cannot
     * select a YAML case themselves. Empty means everything selected.
     */
    public Set<String> select() {
        return raw.get(Constants.SELECT).filter(v -> !v.isBlank())
                .map(v -> Set.of(v.trim().split("\\s*,\\s*"))).orElse(Set.of());
    }

    /** Known-failure lists named by configuration: paths on disk or classpath resources. */
    public java.util.List<String> knownFailureLists() {
        return raw.get(Constants.KNOWN_FAILURES).filter(v -> !v.isBlank())
                .map(v -> java.util.List.of(v.trim().split("\\s*,\\s*"))).orElse(java.util.List.of());
    }

    /** Whether {@code known-failures/<host>.yaml} on the classpath is loaded for every running host. */
    public boolean knownFailuresAuto() {
        return raw.getBoolean(Constants.KNOWN_FAILURES_AUTO).orElse(true);
    }

    /** Larger case files fail unread (parsing megabytes of YAML takes minutes). */
    public long caseFileMaxBytes() {
        return size(Constants.CASE_FILE_MAX_SIZE, YamlFiles.DEFAULT_MAX_BYTES);
    }

    /** Larger prebuilt or configured guest modules fail unread. */
    public long moduleMaxBytes() {
        return size(Constants.MODULE_MAX_SIZE, BoundedFiles.DEFAULT_MAX_MODULE_BYTES);
    }

    private long size(String key, long otherwise) {
        return raw.get(key).map(v -> Units.bytes(v).filter(b -> b > 0).orElseThrow(() ->
                new ConfigurationException(key + " must be a size like 1MiB, found '" + v + "'"))).orElse(otherwise);
    }

    /** Whether the run ends with the summary and the reports (docs/reports.md). */
    public boolean summary() {
        return raw.getBoolean(Constants.SUMMARY).orElse(false);
    }

    public boolean parallel() {
        return raw.getBoolean(Constants.PARALLEL_ENABLED).orElse(false);
    }

    public Optional<String> get(String key) {
        return raw.get(key);
    }

    /** Without configuration, use the nearest {@code guests/} folder at or above the working directory. */
    /** Where built guests are kept unless {@code wasm.conformance.cache.dir} says otherwise. */
    public static Path defaultGuestCache() {
        return Path.of(System.getProperty("user.home"), ".cache", "wasm-tck", "guests");
    }

    private static Path findGuestsDir() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("guests");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return Path.of("guests").toAbsolutePath();
    }
}
