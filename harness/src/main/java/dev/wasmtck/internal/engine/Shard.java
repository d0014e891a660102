package dev.wasmtck.internal.engine;

import dev.wasmtck.internal.util.Sha256;
import dev.wasmtck.Constants;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.UniqueId;

/**
 * One shard of a run: test {@code index} of {@code total} (1-based), as in {@code --shard 2/3}. A
 * test belongs to the shard given by a hash of its UniqueId, so every launcher (Surefire, the
 * command, an IDE) puts it in the same shard whatever else the run discovers.
 */
public record Shard(int index, int total) {
    /** {@code i/n}, 1-based: {@link Constants#SHARD}, kept here for code written against it. */
    public static final String KEY = Constants.SHARD;

    public Shard {
        if (total < 1 || index < 1 || index > total) {
            throw new IllegalArgumentException("shard " + index + "/" + total + " does not exist: expected i/n with 1 <= i <= n");
        }
    }

    /** Parses {@code i/n}; the message of the exception says what was wrong. */
    public static Shard parse(String text) {
        String[] parts = text.trim().split("/", -1);
        try {
            if (parts.length == 2) {
                return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("'" + text + "' is not a shard: expected i/n, e.g. 2/3 (the second of three)");
    }

    /** Bazel's sharding in this process's environment, if it asks for any. */
    public static Optional<Shard> fromEnvironment() {
        return fromBazel(System.getenv());
    }

    /** Bazel's test sharding: {@code TEST_TOTAL_SHARDS} and the 0-based {@code TEST_SHARD_INDEX}. */
    static Optional<Shard> fromBazel(Map<String, String> env) {
        String total = env.get("TEST_TOTAL_SHARDS");
        String index = env.get("TEST_SHARD_INDEX");
        if (total == null || index == null || total.isBlank() || index.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Shard(Integer.parseInt(index.trim()) + 1, Integer.parseInt(total.trim())));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("TEST_SHARD_INDEX=" + index + " / TEST_TOTAL_SHARDS=" + total
                    + " are not numbers");
        }
    }

    /** Whether the test with this id runs in this shard. */
    public boolean includes(UniqueId id) {
        return Long.remainderUnsigned(hash(stablePart(id)), total) == index - 1;
    }

    /**
     * The id from the innermost engine segment on: under {@code @Suite} the same test also carries
     * the suite engine's segments, and both launchers must agree on its shard.
     */
    static String stablePart(UniqueId id) {
        List<UniqueId.Segment> segments = id.getSegments();
        int from = 0;
        for (int i = 0; i < segments.size(); i++) {
            if ("engine".equals(segments.get(i).getType())) {
                from = i;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (UniqueId.Segment s : segments.subList(from, segments.size())) {
            sb.append('[').append(s.getType()).append(':').append(s.getValue()).append(']');
        }
        return sb.toString();
    }

    private static long hash(String text) {
        return ByteBuffer.wrap(Sha256.of(text.getBytes(StandardCharsets.UTF_8))).getLong();
    }

    @Override
    public String toString() {
        return index + "/" + total;
    }
}
