package dev.wasmtck.engine;

import org.apiguardian.api.API;
import dev.wasmtck.internal.engine.config.ConfigurationException;
import dev.wasmtck.internal.engine.config.KitConfig;
import dev.wasmtck.Constants;
import dev.wasmtck.internal.engine.descriptor.KitEngineDescriptor;
import dev.wasmtck.internal.engine.descriptor.ModuleCheckDescriptor;
import dev.wasmtck.internal.engine.discovery.Catalog;
import dev.wasmtck.internal.engine.discovery.Discovery;
import dev.wasmtck.internal.engine.discovery.GuestConformance;
import dev.wasmtck.internal.engine.execution.DefaultGuestLoader;
import dev.wasmtck.internal.engine.execution.KitServices;
import dev.wasmtck.internal.engine.execution.KnownFailures;
import dev.wasmtck.internal.engine.execution.ReferenceHosts;
import dev.wasmtck.internal.engine.execution.RunContext;
import dev.wasmtck.internal.cases.CaseFileParser;
import dev.wasmtck.internal.engine.report.SuiteManifest;
import dev.wasmtck.internal.engine.report.RunInfo;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.config.PrefixedConfigurationParameters;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestEngine;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestExecutorService;
import org.junit.platform.engine.support.hierarchical.Node;
import org.junit.platform.engine.support.hierarchical.ParallelHierarchicalTestExecutorServiceFactory;
import org.junit.platform.engine.support.hierarchical.SameThreadHierarchicalTestExecutorService;

/**
 * The JUnit Platform engine that runs YAML-described cases against WebAssembly hosts.
 * Case format {@value dev.wasmtck.internal.cases.CaseFileParser#FORMAT_VERSION}.
 * Registered through {@code META-INF/services/org.junit.platform.engine.TestEngine}.
 */
@API(status = API.Status.STABLE, since = "0.1")
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
        DiscoveryIssueReporter issues = DiscoveryIssueReporter.deduplicating(
                DiscoveryIssueReporter.forwarding(request.getDiscoveryListener(), uniqueId));
        KitConfig config = KitConfig.from(request.getConfigurationParameters());
        try {
            ClassLoader loader = classLoader();
            Catalog catalog = Catalog.load(config, loader);
            KnownFailures known = KnownFailures.load(config,
                    catalog.hosts().stream().map(h -> h.id()).collect(Collectors.toCollection(LinkedHashSet::new)),
                    loader);
            KitEngineDescriptor engine = new KitEngineDescriptor(uniqueId, config, known,
                    runInfo(config, catalog, known, loader), catalog.references());
            new Discovery(catalog, config, loader, known).discover(request, engine, issues);
            return engine;
        } catch (ConfigurationException e) {
            // Critical: JUnit fails the engine with this message and runs none of its tests.
            issues.reportIssue(DiscoveryIssue.create(Severity.ERROR, "wasm-tck configuration: " + e.getMessage()));
            return new KitEngineDescriptor(uniqueId, config, KnownFailures.none(), null, ReferenceHosts.none());
        }
    }

    /** What the reports say about this run (hosts, suite, lists, report settings); the engine node publishes it when they are on. */
    private static RunInfo runInfo(KitConfig config, Catalog catalog, KnownFailures known, ClassLoader loader) {
        List<RunInfo.HostInfo> hosts = catalog.hosts().stream()
                .map(h -> new RunInfo.HostInfo(h.id(), h.abis(), h.capabilities())).toList();
        return new RunInfo(CaseFileParser.FORMAT_VERSION, SuiteManifest.load(loader, config.casesRoot()), hosts,
                known.lists().stream().map(l -> l.location).toList(),
                config.get(Constants.REPORT_DIR).orElse(null),
                config.get(Constants.RERUN_COMMAND).orElse(RunInfo.DEFAULT_RERUN));
    }

    @Override
    protected HierarchicalTestExecutorService createExecutorService(ExecutionRequest request) {
        var params = request.getConfigurationParameters();
        if (params.getBoolean(Constants.PARALLEL_ENABLED).orElse(false)) {
            return ParallelHierarchicalTestExecutorServiceFactory.create(
                    new PrefixedConfigurationParameters(params, Constants.PARALLEL_CONFIG_PREFIX));
        }
        return new SameThreadHierarchicalTestExecutorService();
    }

    @Override
    protected RunContext createExecutionContext(ExecutionRequest request) {
        KitEngineDescriptor root = (KitEngineDescriptor) request.getRootTestDescriptor();
        KitConfig config = root.config();
        return new RunContext(new KitServices(config, GuestConformance.loader(config, new DefaultGuestLoader(config)),
                root.references()),
                root.knownFailures(), request.getEngineExecutionListener());
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : WasmConformanceEngine.class.getClassLoader();
    }
}
