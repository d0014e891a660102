package dev.wasmtck.engine;

import dev.wasmtck.host.Limits;
import dev.wasmtck.yaml.BoundedFiles;
import dev.wasmtck.yaml.Units;
import dev.wasmtck.yaml.YamlFiles;
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
 * {@code junit-platform.properties}, {@code @ConfigurationParameter}). All keys live under
 * {@value #PREFIX}; docs/configuration.md lists them.
 */
record KitConfig(
        String casesRoot,
        Path guestsDir,
        Path cacheDir,
        boolean dockerRequired,
        Map<String, String> toolchainImages,
        Set<String> hosts,
        Limits defaults,
        ConfigurationParameters raw) {

    static final String PREFIX = "wasm.conformance.";
    static final String CASES_ROOT = PREFIX + "cases.root";
    static final String GUESTS_DIR = PREFIX + "guests.dir";
    static final String CACHE_DIR = PREFIX + "cache.dir";
    static final String DOCKER_REQUIRED = PREFIX + "docker.required";
    static final String HOSTS = PREFIX + "hosts";
    static final String TIMEOUT = PREFIX + "timeout.default";
    static final String MEMORY = PREFIX + "memory.default";
    static final String SUMMARY = PREFIX + "summary";
    static final String SELECT = PREFIX + "select";
    static final String KNOWN_FAILURES = PREFIX + "known-failures";
    static final String KNOWN_FAILURES_AUTO = PREFIX + "known-failures.auto";
    static final String REPORT_DIR = PREFIX + "report.dir";
    static final String RERUN_COMMAND = PREFIX + "rerun.command";
    static final String PARALLEL = PREFIX + "execution.parallel.enabled";
    static final String PARALLEL_CONFIG_PREFIX = PREFIX + "execution.parallel.config.";
    static final String CASE_FILE_MAX_SIZE = PREFIX + "case-file.max-size";
    static final String MODULE_MAX_SIZE = PREFIX + "module.max-size";

    static KitConfig from(ConfigurationParameters p) {
        Map<String, String> images = new TreeMap<>();
        for (String key : p.keySet()) {
            if (key.startsWith(PREFIX + "toolchain.") && key.endsWith(".image")) {
                String name = key.substring((PREFIX + "toolchain.").length(), key.length() - ".image".length());
                p.get(key).ifPresent(v -> images.put(name, v));
            }
        }
        // A blank value means "every host on the classpath", like an absent one.
        Set<String> hosts = new LinkedHashSet<>();
        p.get(HOSTS).ifPresent(v -> Arrays.stream(v.split(",")).map(String::trim)
                .filter(h -> !h.isEmpty()).forEach(hosts::add));
        Limits defaults = new Limits(
                p.get(TIMEOUT).flatMap(Units::duration).orElse(Limits.DEFAULT.timeout()),
                p.get(MEMORY).flatMap(Units::bytes).orElse(Limits.DEFAULT.maxMemoryBytes()));
        return new KitConfig(
                p.get(CASES_ROOT).orElse("conformance"),
                p.get(GUESTS_DIR).map(Path::of).orElseGet(KitConfig::findGuestsDir),
                p.get(CACHE_DIR).map(Path::of).orElseGet(
                        () -> Path.of(System.getProperty("user.home"), ".cache", "wasm-tck", "guests")),
                p.getBoolean(DOCKER_REQUIRED).orElse(false),
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
    Set<String> select() {
        return raw.get(SELECT).filter(v -> !v.isBlank())
                .map(v -> Set.of(v.trim().split("\\s*,\\s*"))).orElse(Set.of());
    }

    /** Known-failure lists named by configuration: paths on disk or classpath resources. */
    java.util.List<String> knownFailureLists() {
        return raw.get(KNOWN_FAILURES).filter(v -> !v.isBlank())
                .map(v -> java.util.List.of(v.trim().split("\\s*,\\s*"))).orElse(java.util.List.of());
    }

    /** Whether {@code known-failures/<host>.yaml} on the classpath is loaded for every running host. */
    boolean knownFailuresAuto() {
        return raw.getBoolean(KNOWN_FAILURES_AUTO).orElse(true);
    }

    /** Larger case files fail unread (parsing megabytes of YAML takes minutes). */
    long caseFileMaxBytes() {
        return size(CASE_FILE_MAX_SIZE, YamlFiles.DEFAULT_MAX_BYTES);
    }

    /** Larger prebuilt or configured guest modules fail unread. */
    long moduleMaxBytes() {
        return size(MODULE_MAX_SIZE, BoundedFiles.DEFAULT_MAX_MODULE_BYTES);
    }

    private long size(String key, long otherwise) {
        return raw.get(key).map(v -> Units.bytes(v).filter(b -> b > 0).orElseThrow(() ->
                new IllegalArgumentException(key + " must be a size like 1MiB, found '" + v + "'"))).orElse(otherwise);
    }

    /** Whether the run ends with the summary and the reports (docs/reports.md). */
    boolean summary() {
        return raw.getBoolean(SUMMARY).orElse(false);
    }

    boolean parallel() {
        return raw.getBoolean(PARALLEL).orElse(false);
    }

    Optional<String> get(String key) {
        return raw.get(key);
    }

    /** Without configuration, use the nearest {@code guests/} folder at or above the working directory. */
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
