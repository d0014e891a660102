package dev.wasmtck.internal.engine.discovery;

import dev.wasmtck.internal.cases.CaseFileParser;
import dev.wasmtck.internal.engine.config.KitConfig;
import dev.wasmtck.internal.engine.execution.KnownFailures;
import java.util.List;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;
import org.junit.platform.engine.support.discovery.EngineDiscoveryRequestResolver;

/**
 * Turns a discovery request into the test tree with JUnit's {@link EngineDiscoveryRequestResolver}:
 * one resolver per kind of selector, all building through one {@link CaseTree}. What is wrong with
 * the input is reported as discovery issues with its file and line, beside the failing nodes.
 */
public final class Discovery {
    private final Catalog catalog;
    private final KitConfig config;
    private final ClassLoader loader;
    private final KnownFailures knownFailures;

    public Discovery(Catalog catalog, KitConfig config, ClassLoader loader, KnownFailures knownFailures) {
        this.catalog = catalog;
        this.knownFailures = knownFailures;
        this.config = config;
        this.loader = loader;
    }

    public void discover(EngineDiscoveryRequest request, TestDescriptor engine, DiscoveryIssueReporter issues) {
        GuestConformance guestRun = GuestConformance.from(config).orElse(null);
        IssueReportingParser parser = new IssueReportingParser(
                new CaseFileParser(catalog.abis(), config.defaults(), config.caseFileMaxBytes()), issues);
        CaseTree tree = new CaseTree(engine, catalog, config, loader, parser, guestRun);
        CaseFileFinder finder = new CaseFileFinder(loader);
        EngineDiscoveryRequestResolver.builder()
                .addSelectorResolver(new ClasspathSelectorResolver(finder, config.casesRoot(), tree))
                .addSelectorResolver(new FileSelectorResolver(finder, tree))
                .addSelectorResolver(new UniqueIdSelectorResolver(tree))
                .build()
                .resolve(request, engine, issues);
        // Surefire hands every engine the test classes it found: only a request for cases starts a guest run.
        if (guestRun != null && tree.casesRequested()) {
            List<String> problems = guestRun.problems(catalog);
            guestRun.addModuleNodes(engine, catalog, problems, issues);
        }
        new KnownFailureCheck(catalog, tree::toolchainOf).check(engine, knownFailures, parser.parsed().values(), issues);
    }
}
