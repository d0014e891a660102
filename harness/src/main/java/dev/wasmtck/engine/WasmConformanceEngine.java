package dev.wasmtck.engine;

import dev.wasmtck.cases.CaseFileParser;
import dev.wasmtck.engine.report.RunInfo;
import dev.wasmtck.engine.report.SuiteManifest;
import java.util.List;
import java.util.Optional;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.config.PrefixedConfigurationParameters;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestEngine;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestExecutorService;
import org.junit.platform.engine.support.hierarchical.Node;
import org.junit.platform.engine.support.hierarchical.ParallelHierarchicalTestExecutorServiceFactory;
import org.junit.platform.engine.support.hierarchical.SameThreadHierarchicalTestExecutorService;

/**
 * The JUnit Platform engine that runs YAML-described cases against WebAssembly hosts.
 * Case format {@value dev.wasmtck.cases.CaseFileParser#FORMAT_VERSION}.
 * Registered through {@code META-INF/services/org.junit.platform.engine.TestEngine}.
 */
public final class WasmConformanceEngine extends HierarchicalTestEngine<RunContext> {
    public static final String ENGINE_ID = "wasm-conformance";
    /** The UniqueId segment of the guest module's node: a test only when it reports a configuration error. */
    public static final String GUEST_MODULE_SEGMENT = ModuleCheckDescriptor.SEGMENT;

    @Override
    public String getId() {
        return ENGINE_ID;
    }

    @Override
    public Optional<String> getGroupId() {
        return Optional.of("dev.wasmtck");
    }

    @Override
    public Optional<String> getArtifactId() {
        return Optional.of("wasm-tck-harness");
    }

    @Override
    public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
        KitConfig config = KitConfig.from(request.getConfigurationParameters());
        ClassLoader loader = classLoader();
        Catalog catalog = Catalog.load(config, loader);
        KnownFailures known = KnownFailures.load(config,
                catalog.hosts().stream().map(h -> h.id()).collect(java.util.stream.Collectors.toCollection(
                        java.util.LinkedHashSet::new)), loader);
        KitEngineDescriptor engine = new KitEngineDescriptor(uniqueId, config, known, runInfo(config, catalog, known, loader));
        new Discovery(catalog, config, loader, known).discover(request, engine);
        return engine;
    }

    /** What the reports say about this run (hosts, suite, lists, report settings); the engine node publishes it when they are on. */
    private static RunInfo runInfo(KitConfig config, Catalog catalog, KnownFailures known, ClassLoader loader) {
        List<RunInfo.HostInfo> hosts = catalog.hosts().stream()
                .map(h -> new RunInfo.HostInfo(h.id(), h.abis(), h.capabilities())).toList();
        return new RunInfo(CaseFileParser.FORMAT_VERSION, SuiteManifest.load(loader, config.casesRoot()), hosts,
                known.lists().stream().map(l -> l.location).toList(),
                config.get(KitConfig.REPORT_DIR).orElse(null),
                config.get(KitConfig.RERUN_COMMAND).orElse(RunInfo.DEFAULT_RERUN));
    }

    @Override
    protected HierarchicalTestExecutorService createExecutorService(ExecutionRequest request) {
        var params = request.getConfigurationParameters();
        if (params.getBoolean(KitConfig.PARALLEL).orElse(false)) {
            return ParallelHierarchicalTestExecutorServiceFactory.create(
                    new PrefixedConfigurationParameters(params, KitConfig.PARALLEL_CONFIG_PREFIX));
        }
        return new SameThreadHierarchicalTestExecutorService();
    }

    @Override
    protected RunContext createExecutionContext(ExecutionRequest request) {
        KitEngineDescriptor root = (KitEngineDescriptor) request.getRootTestDescriptor();
        KitConfig config = root.config();
        return new RunContext(new KitServices(config, GuestConformance.loader(config, new DefaultGuestLoader(config))),
                root.knownFailures(), request.getEngineExecutionListener());
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : WasmConformanceEngine.class.getClassLoader();
    }

    /** The root node; it carries the configuration from discovery to execution. */
    static final class KitEngineDescriptor extends EngineDescriptor implements Node<RunContext> {
        private final KitConfig config;
        private final KnownFailures knownFailures;
        private final RunInfo runInfo;

        KitEngineDescriptor(UniqueId id, KitConfig config, KnownFailures knownFailures, RunInfo runInfo) {
            super(id, "wasm-tck conformance");
            this.config = config;
            this.knownFailures = knownFailures;
            this.runInfo = runInfo;
        }

        @Override
        public RunContext before(RunContext context) {
            if (config.summary()) {
                context.listener().reportingEntryPublished(this, runInfo.entry());
            }
            return context;
        }

        KnownFailures knownFailures() {
            return knownFailures;
        }

        KitConfig config() {
            return config;
        }
    }
}
