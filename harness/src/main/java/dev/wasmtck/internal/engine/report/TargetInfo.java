package dev.wasmtck.internal.engine.report;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.reporting.ReportEntry;

/**
 * What the reports say about one test, as its descriptor knows it: published by the engine as a
 * report entry so that a launcher listener ({@link SummaryListener}) reads it back typed instead of
 * guessing from tags and display names. A null component is one the test does not have.
 *
 * @param id the stable case id ({@code file#case}), the file or list name for nodes that are not cases,
 *     or null to use the display name
 * @param level {@code required} or {@code optional}; null for nodes that are not cases
 * @param select the {@code wasm.conformance.select} value that picks exactly this test, or null
 */
public record TargetInfo(String id, String abi, String level, String host, String toolchain, String guest,
        String select) {
    private static final String PREFIX = "wasm-tck.";
    private static final String TEST = PREFIX + "test";

    /** The ABI a case file's folder names ({@code wapc/errors.yaml}: {@code wapc}), or null. */
    public static String abiOfFile(String file) {
        int slash = file.indexOf('/');
        return slash > 0 ? file.substring(0, slash) : null;
    }

    /** This record as a report entry about the test {@code uniqueId}. */
    public ReportEntry entry(String uniqueId) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(TEST, uniqueId);
        put(values, "id", id);
        put(values, "abi", abi);
        put(values, "level", level);
        put(values, "host", host);
        put(values, "toolchain", toolchain);
        put(values, "guest", guest);
        put(values, "select", select);
        return ReportEntry.from(values);
    }

    /** The test's unique id and its record, when {@code entry} is one {@link #entry} made. */
    static Optional<Map.Entry<String, TargetInfo>> from(ReportEntry entry) {
        Map<String, String> v = entry.getKeyValuePairs();
        String test = v.get(TEST);
        if (test == null) {
            return Optional.empty();
        }
        return Optional.of(Map.entry(test, new TargetInfo(v.get(PREFIX + "id"), v.get(PREFIX + "abi"),
                v.get(PREFIX + "level"), v.get(PREFIX + "host"), v.get(PREFIX + "toolchain"), v.get(PREFIX + "guest"),
                v.get(PREFIX + "select"))));
    }

    private static void put(Map<String, String> values, String key, String value) {
        if (value != null && !value.isBlank()) {
            values.put(PREFIX + key, value);
        }
    }
}
