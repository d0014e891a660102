package dev.wasmtck.engine.discovery;

import dev.wasmtck.cases.CaseFile;
import dev.wasmtck.cases.CaseFileParser;
import dev.wasmtck.cases.CaseSource;
import dev.wasmtck.cases.CaseSpec;
import dev.wasmtck.cases.GuestRef;
import dev.wasmtck.engine.KitConfig;
import dev.wasmtck.engine.descriptor.CaseDescriptor;
import dev.wasmtck.engine.descriptor.CaseFileDescriptor;
import dev.wasmtck.engine.descriptor.KnownFailureListDescriptor;
import dev.wasmtck.engine.descriptor.TargetDescriptor;
import dev.wasmtck.engine.execution.KnownFailures;
import dev.wasmtck.engine.execution.Target;
import dev.wasmtck.guest.GuestRecipe;
import dev.wasmtck.host.Host;
import dev.wasmtck.yaml.CaseFormatException;
import dev.wasmtck.yaml.SourceRef;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
public final class Discovery {
    private final Catalog catalog;
    private final KitConfig config;
    private final CaseFileFinder finder;
    private final ClassLoader loader;
    private final Map<CaseSource, Selection> selections = new LinkedHashMap<>();
    private final Map<String, String> toolchains = new HashMap<>();
    private final KnownFailures knownFailures;
    /** Set when configuration asks for a guest's conformance run; it then replaces the selectors. */
    private final GuestConformance guestRun;

    public Discovery(Catalog catalog, KitConfig config, ClassLoader loader, KnownFailures knownFailures) {
        this.catalog = catalog;
        this.knownFailures = knownFailures;
        this.config = config;
        this.loader = loader;
        this.finder = new CaseFileFinder(loader);
        this.guestRun = GuestConformance.from(config).orElse(null);
    }

    public void discover(EngineDiscoveryRequest request, TestDescriptor engine) {
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
        CaseFileParser parser = new CaseFileParser(catalog.abis(), config.defaults(), config.caseFileMaxBytes());
        Map<String, CaseFile> parsed = new LinkedHashMap<>();
        for (Map.Entry<CaseSource, Selection> e : selections.entrySet()) {
            CaseFile file = parse(parser, e.getKey());
            parsed.putIfAbsent(file.source().displayPath(), file);
            build(engine, file, e.getValue());
        }
        checkKnownFailures(engine, parsed);
    }

    /**
     * The parser reports bad input inside the CaseFile; this also keeps a parser bug (or a stack
     * overflow in a library) to the one file that caused it, so every other file still runs.
     */
    private static CaseFile parse(CaseFileParser parser, CaseSource source) {
        try {
            return parser.parse(source);
        } catch (RuntimeException | StackOverflowError e) {
            return CaseFile.failed(source, new CaseFormatException(
                    new SourceRef(source.location(), 0), "could not be read: " + e, e));
        }
    }

    /**
     * Every entry of a known-failure list must match some target of a case this run discovered;
     * entries naming files outside the run are left alone, so narrow runs stay green. A list with
     * problems becomes one failing test named after it.
     */
    private void checkKnownFailures(TestDescriptor engine, Map<String, CaseFile> parsed) {
        Set<String> hostIds = new HashSet<>();
        catalog.hosts().forEach(h -> hostIds.add(h.id()));
        for (KnownFailures.ListFile list : knownFailures.lists()) {
            List<String> problems = new ArrayList<>(list.problems);
            Map<String, KnownFailures.Entry> claimed = new HashMap<>();
            for (KnownFailures.Entry entry : list.entries) {
                if (!hostIds.contains(entry.host())) {
                    continue;
                }
                CaseFile file = parsed.get(entry.file());
                if (file == null) {
                    if (noSuchFile(entry.file(), parsed)) {
                        problems.add(entry.where() + ": " + entry.caseId() + " names no case file (no "
                                + entry.file() + ".yaml beside the case files of this run)");
                    }
                    continue;
                }
                if (file.error() != null) {
                    continue;
                }
                Optional<CaseSpec> spec = file.cases().stream().filter(c -> c.id().equals(entry.caseName())).findFirst();
                if (spec.isEmpty()) {
                    problems.add(entry.where() + ": " + entry.caseId() + " names no case of " + file.source().location());
                    continue;
                }
                boolean any = false;
                if (spec.get().error() == null) {
                    for (Host host : catalog.hostsFor(spec.get().abi())) {
                        for (GuestRef guest : spec.get().guests()) {
                            if (entry.matches(host.id(), toolchainOf(guest), guest.path())) {
                                any = true;
                                String key = entry.caseId() + "|" + new Target(guest, host, toolchainOf(guest)).id();
                                KnownFailures.Entry first = claimed.putIfAbsent(key, entry);
                                if (first != null) {
                                    problems.add(entry.where() + ": duplicate entry: " + entry.caseId() + " on "
                                            + guest.displayName() + " on " + host.id() + " is already listed at line "
                                            + first.where().line());
                                }
                            }
                        }
                    }
                }
                if (!any) {
                    problems.add(entry.where() + ": " + entry.caseId() + " has no target on host " + entry.host()
                            + (entry.toolchain() != null ? " with toolchain " + entry.toolchain() : "")
                            + (entry.guest() != null ? " and guest " + entry.guest() : "")
                            + " (the case's guests: " + spec.get().guests().stream().map(g -> g.displayName()
                                    + " (" + toolchainOf(g) + ")").toList() + ")");
                }
            }
            if (!problems.isEmpty()) {
                engine.addChild(new KnownFailureListDescriptor(engine.getUniqueId(), list, problems));
            }
        }
    }

    /**
     * True when the run read a case file from the folder {@code displayPath} names, and that folder has
     * no such file: the entry has a typo or outlived a rename. Folders the run did not read are not judged.
     */
    private static boolean noSuchFile(String displayPath, Map<String, CaseFile> parsed) {
        int slash = displayPath.lastIndexOf('/');
        String folder = slash < 0 ? "" : displayPath.substring(0, slash + 1);
        String stem = displayPath.substring(slash + 1);
        for (CaseFile f : parsed.values()) {
            String other = f.source().displayPath();
            int s = other.lastIndexOf('/');
            if ((s < 0 ? "" : other.substring(0, s + 1)).equals(folder)) {
                try {
                    return f.source().readSibling(stem + ".yaml").isEmpty() && f.source().readSibling(stem + ".yml").isEmpty();
                } catch (java.io.IOException | RuntimeException e) {
                    return false;
                }
            }
        }
        return false;
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
        String caseId = KnownFailures.caseId(source, spec.id());
        return only.isEmpty() || only.contains(source.displayPath()) || only.contains(caseId)
                || only.stream().anyMatch(s -> s.startsWith(caseId + "["));
    }

    /** With {@code select=file#case[target]}, only the named targets of that case; else all of them. */
    private boolean narrowedTo(CaseSource source, CaseSpec spec, Target target) {
        Set<String> only = config.select();
        String caseId = KnownFailures.caseId(source, spec.id());
        if (only.isEmpty() || only.contains(source.displayPath()) || only.contains(caseId)) {
            return true;
        }
        return only.contains(caseId + "[" + target.id() + "]");
    }

    private void addCase(CaseFileDescriptor fileNode, CaseSource source, CaseSpec spec, Selection selection) {
        List<Target> targets = new ArrayList<>();
        if (spec.error() == null) {
            List<GuestRef> guests = guestRun == null ? spec.guests() : guestRun.guestsFor(source, spec.guests());
            for (GuestRef guest : guests) {
                for (Host host : catalog.hostsFor(spec.abi())) {
                    Target target = new Target(guest, host, toolchainOf(guest));
                    if (narrowedTo(source, spec, target)) {
                        targets.add(target);
                    }
                }
            }
        }
        if (targets.isEmpty() && !config.select().isEmpty() && !catalog.hostsFor(spec.abi()).isEmpty()
                && spec.error() == null) {
            return;
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
