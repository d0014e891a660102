package dev.wasmtck.internal.engine;

import dev.wasmtck.internal.engine.config.KitConfig;
import dev.wasmtck.internal.engine.descriptor.KitEngineDescriptor;
import dev.wasmtck.Constants;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.launcher.PostDiscoveryFilter;

/**
 * Keeps the tests of one {@link Shard}: {@value Constants#SHARD}={@code i/n} (configuration of the kit's
 * engine, or a system property for other engines' tests), else Bazel's {@code TEST_TOTAL_SHARDS} /
 * {@code TEST_SHARD_INDEX}. Registered through ServiceLoader, so every JUnit Platform launcher
 * applies it; without either setting it keeps everything.
 */
public final class ShardFilter implements PostDiscoveryFilter {
    private final Map<String, String> env;
    private volatile boolean statusTouched;

    public ShardFilter() {
        this(System.getenv());
    }

    ShardFilter(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public FilterResult apply(TestDescriptor descriptor) {
        if (!descriptor.isTest()) {
            // Containers stay; the launcher prunes those left without tests.
            return FilterResult.included("a container");
        }
        Optional<Shard> shard = shardFor(descriptor);
        if (shard.isEmpty()) {
            return FilterResult.included("not sharded");
        }
        return shard.get().includes(descriptor.getUniqueId())
                ? FilterResult.included("in shard " + shard.get())
                : FilterResult.excluded("not in shard " + shard.get());
    }

    private Optional<Shard> shardFor(TestDescriptor descriptor) {
        Optional<String> configured = engineConfig(descriptor).flatMap(c -> c.get(Constants.SHARD))
                .or(() -> Optional.ofNullable(System.getProperty(Constants.SHARD)))
                .filter(v -> !v.isBlank());
        if (configured.isPresent()) {
            return configured.map(Shard::parse);
        }
        Optional<Shard> bazel = Shard.fromBazel(env);
        bazel.ifPresent(s -> touchStatusFile());
        return bazel;
    }

    private static Optional<KitConfig> engineConfig(TestDescriptor descriptor) {
        for (TestDescriptor d = descriptor; d != null; d = d.getParent().orElse(null)) {
            if (d instanceof KitEngineDescriptor engine) {
                return Optional.of(engine.config());
            }
        }
        return Optional.empty();
    }

    /** Bazel asks a test runner that shards to touch this file, to tell it sharding was honoured. */
    private void touchStatusFile() {
        String file = env.get("TEST_SHARD_STATUS_FILE");
        if (statusTouched || file == null || file.isBlank()) {
            return;
        }
        statusTouched = true;
        try {
            Path path = Path.of(file);
            if (Files.exists(path)) {
                Files.setLastModifiedTime(path, FileTime.from(Instant.now()));
            } else {
                Files.createFile(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot touch TEST_SHARD_STATUS_FILE=" + file, e);
        }
    }
}
