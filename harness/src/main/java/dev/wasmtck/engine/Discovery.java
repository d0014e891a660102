package dev.wasmtck.engine;

import dev.wasmtck.cases.CaseFile;
import dev.wasmtck.cases.CaseFileParser;
import dev.wasmtck.cases.CaseSource;
import dev.wasmtck.cases.CaseSpec;
import dev.wasmtck.cases.GuestRef;
import dev.wasmtck.host.Host;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClasspathResourceSelector;
import org.junit.platform.engine.discovery.ClasspathRootSelector;
import org.junit.platform.engine.discovery.DirectorySelector;
import org.junit.platform.engine.discovery.FilePosition;
import org.junit.platform.engine.discovery.FileSelector;
import org.junit.platform.engine.discovery.PackageSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.discovery.UriSelector;

/**
 * Turns a discovery request into the test tree: selectors become (case file, {@link Selection})
 * pairs, each file is parsed once, and only the selected cases get nodes.
 */
final class Discovery {
    private final Catalog catalog;
    private final KitConfig config;
    private final CaseFileFinder finder;
    private final ClassLoader loader;
    private final Map<CaseSource, Selection> selections = new LinkedHashMap<>();
    /** Set when configuration asks for a guest's conformance run; it then replaces the selectors. */
    private final GuestConformance guestRun;

    Discovery(Catalog catalog, KitConfig config, ClassLoader loader) {
        this.catalog = catalog;
        this.config = config;
        this.loader = loader;
        this.finder = new CaseFileFinder(loader);
        this.guestRun = GuestConformance.from(config).orElse(null);
    }

    void discover(EngineDiscoveryRequest request, TestDescriptor engine) {
        if (guestRun != null && GuestConformance.selectsCases(request, engine.getUniqueId())) {
            List<String> problems = guestRun.problems(catalog);
            if (problems.isEmpty()) {
                guestRun.caseFiles(finder, config.casesRoot()).forEach(this::all);
            }
            guestRun.addModuleNodes(engine, catalog, problems);
            buildAll(engine);
            return;
        }
        UniqueId engineId = engine.getUniqueId();
        for (ClasspathRootSelector s : request.getSelectorsByType(ClasspathRootSelector.class)) {
            finder.inClasspathRoot(s.getClasspathRoot(), config.casesRoot()).forEach(this::all);
        }
        for (PackageSelector s : request.getSelectorsByType(PackageSelector.class)) {
            finder.inPackage(s.getPackageName()).forEach(this::all);
        }
        for (ClasspathResourceSelector s : request.getSelectorsByType(ClasspathResourceSelector.class)) {
            select(finder.classpathResource(s.getClasspathResourceName()), s.getPosition());
        }
        for (FileSelector s : request.getSelectorsByType(FileSelector.class)) {
            if (CaseFileFinder.isCaseFile(s.getRawPath())) {
                select(List.of(CaseSource.file(s.getPath())), s.getPosition());
            }
        }
        for (DirectorySelector s : request.getSelectorsByType(DirectorySelector.class)) {
            finder.inDirectory(s.getPath()).forEach(this::all);
        }
        for (UriSelector s : request.getSelectorsByType(UriSelector.class)) {
            uri(s.getUri());
        }
        for (UniqueIdSelector s : request.getSelectorsByType(UniqueIdSelector.class)) {
            uniqueId(engineId, s.getUniqueId());
        }
        buildAll(engine);
    }

    private void buildAll(TestDescriptor engine) {
        CaseFileParser parser = new CaseFileParser(catalog.abis(), config.defaults());
        for (Map.Entry<CaseSource, Selection> e : selections.entrySet()) {
            build(engine, parser.parse(e.getKey()), e.getValue());
        }
    }

    private void all(CaseSource source) {
        selection(source).selectAll();
    }

    private Selection selection(CaseSource source) {
        return selections.computeIfAbsent(source, k -> new Selection());
    }

    private void select(List<CaseSource> sources, Optional<FilePosition> position) {
        for (CaseSource source : sources) {
            if (position.isPresent()) {
                selection(source).selectLine(position.get().getLine());
            } else {
                all(source);
            }
        }
    }

    private void uri(URI uri) {
        Optional<FilePosition> position = FilePosition.fromQuery(uri.getQuery());
        if ("file".equals(uri.getScheme())) {
            Path path = Path.of(URI.create("file://" + uri.getRawPath()));
            if (Files.isDirectory(path)) {
                finder.inDirectory(path).forEach(this::all);
            } else if (CaseFileFinder.isCaseFile(path.toString())) {
                select(List.of(CaseSource.file(path)), position);
            }
        } else if ("classpath".equals(uri.getScheme())) {
            String name = uri.getSchemeSpecificPart().replaceFirst("\\?.*$", "");
            select(finder.classpathResource(name), position);
        }
    }

    /** {@code [engine:wasm-conformance]/[file:...]/[case:id]/[target:guest on host]}. */
    private void uniqueId(UniqueId engineId, UniqueId id) {
        if (!id.hasPrefix(engineId) || id.getSegments().size() < 2) {
            return;
        }
        List<UniqueId.Segment> segments = id.getSegments();
        UniqueId.Segment file = segments.get(1);
        if (!CaseFileDescriptor.SEGMENT.equals(file.getType())) {
            return;
        }
        CaseSource source;
        try {
            source = CaseSource.parseIdValue(file.getValue(), loader);
        } catch (IllegalArgumentException e) {
            return;
        }
        Selection selection = selection(source);
        if (segments.size() == 2) {
            selection.selectAll();
        } else if (CaseDescriptor.SEGMENT.equals(segments.get(2).getType())) {
            String caseId = segments.get(2).getValue();
            if (segments.size() > 3 && TargetDescriptor.SEGMENT.equals(segments.get(3).getType())) {
                selection.selectTarget(caseId, segments.get(3).getValue());
            } else {
                selection.selectCase(caseId);
            }
        }
    }

    private void build(TestDescriptor engine, CaseFile file, Selection selection) {
        UniqueId fileId = engine.getUniqueId().append(CaseFileDescriptor.SEGMENT, file.source().idValue());
        CaseFileDescriptor fileNode = new CaseFileDescriptor(fileId, file);
        if (file.error() == null) {
            List<CaseSpec> cases = file.cases();
            boolean header = !cases.isEmpty() && selection.wantsHeader(cases.get(0).where().line());
            for (int i = 0; i < cases.size(); i++) {
                CaseSpec spec = cases.get(i);
                int next = i + 1 < cases.size() ? cases.get(i + 1).where().line() : Integer.MAX_VALUE;
                if ((header || selection.wantsCase(spec.id(), spec.where().line(), next))
                        && narrowedTo(file.source(), spec)) {
                    addCase(fileNode, file.source(), spec, selection);
                }
            }
            if (fileNode.getChildren().isEmpty()) {
                return;
            }
        }
        engine.addChild(fileNode);
    }

    private boolean narrowedTo(CaseSource source, CaseSpec spec) {
        Set<String> only = config.select();
        return only.isEmpty() || only.contains(source.displayPath())
                || only.contains(source.displayPath() + "#" + spec.id());
    }

    private void addCase(CaseFileDescriptor fileNode, CaseSource source, CaseSpec spec, Selection selection) {
        List<Target> targets = new ArrayList<>();
        if (spec.error() == null) {
            List<GuestRef> guests = guestRun == null ? spec.guests() : guestRun.guestsFor(source, spec.guests());
            for (GuestRef guest : guests) {
                for (Host host : catalog.hostsFor(spec.abi())) {
                    targets.add(new Target(guest, host));
                }
            }
        }
        UniqueId caseId = fileNode.getUniqueId().append(CaseDescriptor.SEGMENT, spec.id());
        CaseDescriptor caseNode = new CaseDescriptor(caseId, source, spec, targets);
        if (caseNode.getType() == TestDescriptor.Type.CONTAINER) {
            for (Target t : targets) {
                if (selection.wantsTarget(spec.id(), t.id())) {
                    caseNode.addChild(new TargetDescriptor(caseId.append(TargetDescriptor.SEGMENT, t.id()), caseNode, t));
                }
            }
            if (caseNode.getChildren().isEmpty()) {
                return;
            }
        }
        fileNode.addChild(caseNode);
    }
}
