package dev.wasmtck.engine.report;

import dev.wasmtck.engine.KnownFailures;
import dev.wasmtck.engine.KitConfig;
import dev.wasmtck.engine.Catalog;
import dev.wasmtck.cases.CaseFileParser;
import dev.wasmtck.host.Host;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a run was: the case format, the suite manifest, the hosts with their ABIs and capabilities,
 * and the known-failure lists. Discovery publishes it; {@link SummaryListener} reads it for the
 * summary header and the reports, since a launcher listener has no other way to see the engine's hosts.
 */
record RunInfo(int caseFormat, SuiteManifest suite, List<HostInfo> hosts, List<String> knownFailureLists,
        String casesRoot, boolean summary, String reportDir, String rerunCommand) {
    static final String DEFAULT_RERUN = "./mvnw -q -pl conformance-suite verify";
    /** Where a rerun command that has it takes the selection, instead of a trailing {@code -Dwasm.conformance.select}. */
    static final String SELECT_PLACEHOLDER = "{select}";

    record HostInfo(String id, Set<String> abis, Set<String> capabilities) {}

    /** By the engine node's UniqueId: under {@code @Suite} each suite class discovers its own engine node. */
    private static final Map<String, RunInfo> BY_ENGINE = new ConcurrentHashMap<>();

    static RunInfo of(KitConfig config, Catalog catalog, KnownFailures known, ClassLoader loader) {
        List<HostInfo> hosts = catalog.hosts().stream()
                .map((Host h) -> new HostInfo(h.id(), new TreeSet<>(h.abis()), new TreeSet<>(h.capabilities())))
                .toList();
        return new RunInfo(CaseFileParser.FORMAT_VERSION, SuiteManifest.load(loader, config.casesRoot()), hosts,
                known.lists().stream().map(l -> l.location).toList(), config.casesRoot(),
                config.raw().getBoolean(KitConfig.SUMMARY).orElse(false),
                config.get(KitConfig.REPORT_DIR).orElse(null),
                config.get(KitConfig.RERUN_COMMAND).orElse(DEFAULT_RERUN));
    }

    static void publish(String engineUniqueId, RunInfo info) {
        BY_ENGINE.put(engineUniqueId, info);
    }

    /** What the discovery of this engine node found in this JVM, or null. */
    static RunInfo forEngine(String engineUniqueId) {
        return BY_ENGINE.get(engineUniqueId);
    }
}
