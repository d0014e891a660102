package dev.wasmtck.internal.engine.discovery;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import dev.wasmtck.internal.cases.CaseFile;
import dev.wasmtck.internal.cases.CaseSource;
import dev.wasmtck.internal.cases.CaseSpec;
import dev.wasmtck.internal.cases.GuestRef;
import dev.wasmtck.internal.engine.config.KitConfig;
import dev.wasmtck.internal.engine.descriptor.CaseDescriptor;
import dev.wasmtck.internal.engine.descriptor.CaseFileDescriptor;
import dev.wasmtck.internal.engine.descriptor.KnownFailureListDescriptor;
import dev.wasmtck.internal.engine.descriptor.ModuleCheckDescriptor;
import dev.wasmtck.internal.engine.descriptor.TargetDescriptor;
import dev.wasmtck.internal.engine.execution.KnownFailures;
import dev.wasmtck.internal.engine.execution.Target;
import dev.wasmtck.internal.guest.GuestRecipe;
import dev.wasmtck.host.Host;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.FilePosition;
import org.junit.platform.engine.support.discovery.SelectorResolver.Context;
import org.junit.platform.engine.support.discovery.SelectorResolver.Match;
import org.junit.platform.engine.support.discovery.SelectorResolver.Resolution;

/**
 * Where every selector resolver ends: the nodes of case files, cases and targets. A file node
 * expands to the selectors of its chosen cases and a case node to those of its targets, so JUnit's
 * resolver merges what several selectors ask for and never builds a node twice. Each file is parsed
 * once ({@link IssueReportingParser}). In a guest conformance run every case selector stands for the
 * guest's own case files instead.
 */
final class CaseTree {
    private final TestDescriptor engine;
    private final Catalog catalog;
    private final KitConfig config;
    private final ClassLoader loader;
    private final IssueReportingParser parser;
    private final GuestConformance guestRun;
    private final Map<String, String> toolchains = new HashMap<>();
    private List<CaseSource> guestFiles;
    private boolean casesRequested;

    CaseTree(TestDescriptor engine, Catalog catalog, KitConfig config, ClassLoader loader, IssueReportingParser parser,
            GuestConformance guestRun) {
        this.engine = engine;
        this.catalog = catalog;
        this.config = config;
        this.loader = loader;
        this.parser = parser;
        this.guestRun = guestRun;
    }

    /** Whether any selector asked this engine for cases (a guest run starts only then). */
    boolean casesRequested() {
        return casesRequested;
    }

    /** Case files a container selector (classpath root, package, folder) found: each whole. */
    Resolution files(List<CaseSource> sources) {
        return files(sources, Optional.empty());
    }

    /** Case files, or with a position the case at that line (a line above the first case means the file). */
    Resolution files(List<CaseSource> sources, Optional<FilePosition> position) {
        casesRequested = true;
        if (guestRun != null) {
            return guestRun();
        }
        Set<Match> matches = new LinkedHashSet<>();
        for (CaseSource source : sources) {
            file(source, position).ifPresent(matches::add);
        }
        return matches.isEmpty() ? Resolution.unresolved() : Resolution.matches(matches);
    }

    /** {@code [file:...]}, {@code [file:...]/[case:id]} or {@code [file:...]/[case:id]/[target:guest on host]}. */
    Resolution uniqueId(Context context, UniqueId id) {
        casesRequested = true;
        // Ids below the guest run's own files are the expansions of its file nodes: they resolve as usual.
        if (guestRun != null && guestFiles().stream().noneMatch(s -> id.hasPrefix(fileId(s)))) {
            return guestRun();
        }
        UniqueId.Segment last = id.getLastSegment();
        Optional<Match> match = switch (last.getType()) {
            case CaseFileDescriptor.SEGMENT -> sourceOf(last.getValue()).flatMap(s -> file(s, Optional.empty()));
            case CaseDescriptor.SEGMENT -> caseNode(context, id);
            case TargetDescriptor.SEGMENT -> target(context, id);
            // Nodes built after resolution, not by selectors: an IDE rerun of one finds nothing to add.
            case KnownFailureListDescriptor.SEGMENT, ModuleCheckDescriptor.SEGMENT, ModuleCheckDescriptor.RULE_SEGMENT ->
                    Optional.of(Match.partial(engine));
            default -> Optional.empty();
        };
        return match.map(Resolution::match).orElse(Resolution.unresolved());
    }

    /** The guest run's files replace whatever the request selected; without a usable configuration, none. */
    private Resolution guestRun() {
        Set<Match> matches = new LinkedHashSet<>();
        matches.add(Match.partial(engine));
        for (CaseSource source : guestFiles()) {
            file(source, Optional.empty()).ifPresent(matches::add);
        }
        return Resolution.matches(matches);
    }

    private List<CaseSource> guestFiles() {
        if (guestFiles == null) {
            guestFiles = guestRun.problems(catalog).isEmpty()
                    ? guestRun.caseFiles(new CaseFileFinder(loader), config.casesRoot()) : List.of();
        }
        return guestFiles;
    }

    private UniqueId fileId(CaseSource source) {
        return engine.getUniqueId().append(CaseFileDescriptor.SEGMENT, source.idValue());
    }

    private Optional<CaseSource> sourceOf(String idValue) {
        try {
            return Optional.of(CaseSource.parseIdValue(idValue, loader));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private Optional<Match> file(CaseSource source, Optional<FilePosition> position) {
        CaseFile file = parser.parse(source);
        UniqueId fileId = fileId(source);
        List<CaseSpec> chosen = file.error() != null ? List.of() : chosenCases(file, position);
        if (file.error() == null && chosen.isEmpty()) {
            return Optional.empty();
        }
        TestDescriptor node = engine.findByUniqueId(fileId).map(TestDescriptor.class::cast).orElseGet(() -> {
            TestDescriptor created = new CaseFileDescriptor(fileId, file);
            engine.addChild(created);
            return created;
        });
        return Optional.of(Match.exact(node, () -> selectors(fileId, CaseDescriptor.SEGMENT,
                chosen.stream().map(CaseSpec::id).toList())));
    }

    /** The cases a selector names that this run shows: all, or the one at the position's line. */
    private List<CaseSpec> chosenCases(CaseFile file, Optional<FilePosition> position) {
        List<CaseSpec> cases = file.cases();
        List<CaseSpec> chosen = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            CaseSpec spec = cases.get(i);
            int next = i + 1 < cases.size() ? cases.get(i + 1).where().line() : Integer.MAX_VALUE;
            boolean atLine = position.isEmpty() || position.get().getLine() < cases.get(0).where().line()
                    || (position.get().getLine() >= spec.where().line() && position.get().getLine() < next);
            if (atLine && shown(file.source(), spec)) {
                chosen.add(spec);
            }
        }
        return chosen;
    }

    private static Set<DiscoverySelector> selectors(UniqueId parent, String segment, List<String> values) {
        Set<DiscoverySelector> selectors = new LinkedHashSet<>();
        values.forEach(v -> selectors.add(selectUniqueId(parent.append(segment, v))));
        return selectors;
    }

    private Optional<Match> caseNode(Context context, UniqueId id) {
        String caseId = id.getLastSegment().getValue();
        Optional<CaseDescriptor> node = context.addToParent(() -> selectUniqueId(id.removeLastSegment()), parent -> {
            if (!(parent instanceof CaseFileDescriptor fileNode) || fileNode.caseFile().error() != null) {
                return Optional.empty();
            }
            CaseSource source = fileNode.caseFile().source();
            return fileNode.caseFile().cases().stream().filter(c -> c.id().equals(caseId) && shown(source, c))
                    .findFirst().map(spec -> new CaseDescriptor(id, source, spec, targets(source, spec)));
        });
        return node.map(c -> c.getType() == TestDescriptor.Type.CONTAINER
                ? Match.exact(c, () -> selectors(id, TargetDescriptor.SEGMENT, c.targets().stream().map(Target::id).toList()))
                : Match.exact(c));
    }

    private Optional<Match> target(Context context, UniqueId id) {
        String targetId = id.getLastSegment().getValue();
        Optional<TestDescriptor> parent = context.resolve(selectUniqueId(id.removeLastSegment()));
        if (parent.isPresent() && parent.get().isTest()) {
            // The case runs on one target only, so the case node is that target's test.
            return parent.map(Match::exact);
        }
        Optional<TargetDescriptor> node = context.addToParent(() -> selectUniqueId(id.removeLastSegment()), p ->
                p instanceof CaseDescriptor c ? c.targets().stream().filter(t -> t.id().equals(targetId)).findFirst()
                        .map(t -> new TargetDescriptor(id, c, t)) : Optional.empty());
        return node.map(Match::exact);
    }

    /**
     * Whether a case gets a node: {@value dev.wasmtck.Constants#SELECT} may narrow the run to
     * some files, cases or targets; a case whose targets it all narrows away disappears too.
     */
    private boolean shown(CaseSource source, CaseSpec spec) {
        Set<String> only = config.select();
        String caseId = KnownFailures.caseId(source, spec.id());
        boolean named = only.isEmpty() || only.contains(source.displayPath()) || only.contains(caseId)
                || only.stream().anyMatch(s -> s.startsWith(caseId + "["));
        return named && (only.isEmpty() || spec.error() != null || catalog.hostsFor(spec.abi()).isEmpty()
                || !targets(source, spec).isEmpty());
    }

    /** Every guest of the case on every host of its ABI, as far as {@value dev.wasmtck.Constants#SELECT} keeps them. */
    private List<Target> targets(CaseSource source, CaseSpec spec) {
        List<Target> targets = new ArrayList<>();
        if (spec.error() != null) {
            return targets;
        }
        Set<String> only = config.select();
        String caseId = KnownFailures.caseId(source, spec.id());
        boolean every = only.isEmpty() || only.contains(source.displayPath()) || only.contains(caseId);
        List<GuestRef> guests = guestRun == null ? spec.guests() : guestRun.guestsFor(source, spec.guests());
        for (GuestRef guest : guests) {
            for (Host host : catalog.hostsFor(spec.abi())) {
                Target target = new Target(guest, host, toolchainOf(guest));
                if (every || only.contains(caseId + "[" + target.id() + "]")) {
                    targets.add(target);
                }
            }
        }
        return targets;
    }

    /** The toolchain that builds a guest, read from its recipe once per guest folder. */
    String toolchainOf(GuestRef guest) {
        if (guest.kind() == GuestRef.Kind.WASM) {
            return "prebuilt";
        }
        if (guest.toolchain() != null) {
            return guest.toolchain();
        }
        if (guestRun != null && guestRun.isGuestUnderTest(guest)) {
            return toolchains.computeIfAbsent(guest.path(), p -> guestRun.toolchain());
        }
        return toolchains.computeIfAbsent(guest.path(), p -> {
            Path recipe = config.guestsDir().resolve(p).resolve(GuestRecipe.FILE_NAME);
            try {
                return GuestRecipe.read(recipe).toolchain();
            } catch (RuntimeException e) {
                return "unknown";
            }
        });
    }
}
