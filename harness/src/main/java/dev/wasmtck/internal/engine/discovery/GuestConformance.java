package dev.wasmtck.internal.engine.discovery;

import dev.wasmtck.Constants;
import dev.wasmtck.internal.cases.CaseSource;
import dev.wasmtck.internal.cases.GuestRef;
import dev.wasmtck.internal.engine.config.KitConfig;
import dev.wasmtck.internal.engine.descriptor.ModuleCheckDescriptor;
import dev.wasmtck.internal.engine.execution.GuestLoader;
import dev.wasmtck.internal.guest.BuiltGuest;
import dev.wasmtck.internal.guest.GuestBuilder;
import dev.wasmtck.internal.guest.GuestRecipe;
import dev.wasmtck.internal.guest.Toolchain;
import dev.wasmtck.host.GuestModule;
import dev.wasmtck.internal.yaml.BoundedFiles;
import dev.wasmtck.internal.yaml.SourceRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;

/**
 * Guest conformance: a guest author names a module or a source folder and its ABI in configuration
 * alone, and the run becomes that guest's conformance run instead of the selected case files: the
 * ABI's structural rules (one test each), the ABI's guest profile
 * ({@code <cases root>/<abi>/guest-profile.yaml}, whose cases every correct guest passes) on that
 * guest, and optionally the author's own case folder, where {@code guest: $guest} names the guest.
 *
 * <p>Outside such a run, a profile file runs on the canonical guests it lists, which is how the
 * profile itself is kept honest.
 */
public final class GuestConformance {
    /** What a case file writes as its guest to mean "the guest under test". */
    static final String PLACEHOLDER = "$guest";
    static final String PROFILE_FILE = "guest-profile.yaml";

    private final Settings settings;
    private final GuestRef ref;
    private CaseSource profile;

    /** The configuration as given; checked by {@link #problems}. Paths are absolute. */
    record Settings(Path guest, String abi, String toolchain, Path casesDir) {
        boolean isWasm() {
            return guest.getFileName() != null && guest.getFileName().toString().endsWith(".wasm");
        }

        String displayName() {
            String name = guest.getFileName() == null ? guest.toString() : guest.getFileName().toString();
            return PLACEHOLDER + "=" + name + (toolchain == null ? "" : "@" + toolchain);
        }

        static Optional<Settings> from(KitConfig config) {
            Optional<String> guest = config.get(Constants.GUEST).map(String::trim).filter(v -> !v.isEmpty());
            if (guest.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Settings(absolute(guest.get()),
                    config.get(Constants.GUEST_ABI).map(String::trim).filter(v -> !v.isEmpty()).orElse(null),
                    config.get(Constants.GUEST_TOOLCHAIN).map(String::trim).filter(v -> !v.isEmpty()).orElse(null),
                    config.get(Constants.GUEST_CASES).map(String::trim).filter(v -> !v.isEmpty()).map(GuestConformance::absolute)
                            .orElse(null)));
        }
    }

    private GuestConformance(Settings settings) {
        this.settings = settings;
        // A prebuilt module is a WASM ref, so the matrix and the toolchain tag say "prebuilt" for it.
        this.ref = new GuestRef(settings.isWasm() ? GuestRef.Kind.WASM : GuestRef.Kind.SOURCE, settings.displayName(), null,
                new SourceRef(settings.guest().toString(), 0));
    }

    /** Empty unless {@value Constants#GUEST} is set. */
    static Optional<GuestConformance> from(KitConfig config) {
        return Settings.from(config).map(GuestConformance::new);
    }

    private static Path absolute(String path) {
        return Path.of(path).toAbsolutePath().normalize();
    }

    /** Everything wrong with the configuration, each naming the key; empty when the run can go ahead. */
    List<String> problems(Catalog catalog) {
        List<String> problems = new ArrayList<>();
        Path guest = settings.guest();
        if (settings.abi() == null) {
            problems.add(Constants.GUEST_ABI + " is not set; name the guest's ABI, one of " + catalog.abis().keySet());
        } else if (!catalog.abis().containsKey(settings.abi())) {
            problems.add(Constants.GUEST_ABI + "=" + settings.abi() + " is not an ABI this kit knows; known: " + catalog.abis().keySet());
        }
        if (settings.isWasm()) {
            if (!Files.isRegularFile(guest)) {
                problems.add(Constants.GUEST + "=" + guest + ": no such file");
            }
            if (settings.toolchain() != null) {
                problems.add(Constants.GUEST_TOOLCHAIN + " is set, but " + Constants.GUEST + " names a prebuilt .wasm file, which is not built");
            }
        } else if (!Files.isDirectory(guest)) {
            problems.add(Constants.GUEST + "=" + guest + " is neither a .wasm file nor a folder");
        } else if (!Files.isRegularFile(guest.resolve(GuestRecipe.FILE_NAME))) {
            problems.add(Constants.GUEST + "=" + guest + " is a folder without a " + GuestRecipe.FILE_NAME
                    + " build recipe (toolchain, build command, output); see docs/guests.md");
        }
        if (settings.toolchain() != null && Toolchain.named(settings.toolchain()).isEmpty()) {
            problems.add(Constants.GUEST_TOOLCHAIN + "=" + settings.toolchain() + " is not a toolchain this kit knows; known: "
                    + Toolchain.names());
        }
        if (settings.casesDir() != null && !Files.isDirectory(settings.casesDir())) {
            problems.add(Constants.GUEST_CASES + "=" + settings.casesDir() + ": no such folder");
        }
        return problems;
    }

    /** The case files of this run: the ABI's profile from the classpath, then the author's own. */
    List<CaseSource> caseFiles(CaseFileFinder finder, String casesRoot) {
        List<CaseSource> files = new ArrayList<>();
        String name = (casesRoot.isEmpty() ? "" : casesRoot + "/") + settings.abi() + "/" + PROFILE_FILE;
        List<CaseSource> found = finder.classpathResource(name);
        if (!found.isEmpty()) {
            profile = found.get(0);
            files.add(profile);
        }
        if (settings.casesDir() != null) {
            files.addAll(finder.inDirectory(settings.casesDir()));
        }
        return files;
    }

    /**
     * Adds the node of the structural rules, or of the configuration's problems, to the engine, ahead
     * of the case files; problems are reported as a discovery issue too.
     */
    void addModuleNodes(TestDescriptor engine, Catalog catalog, List<String> problems, DiscoveryIssueReporter issues) {
        List<String> all = new ArrayList<>(problems);
        if (all.isEmpty() && profile == null) {
            all.add("no guest profile for abi '" + settings.abi() + "' on the classpath (looked for "
                    + PROFILE_FILE + " under the cases root); add the wasm-tck-conformance-suite artifact to the"
                    + " test classpath");
        }
        UniqueId base = engine.getUniqueId().append(ModuleCheckDescriptor.SEGMENT, settings.displayName());
        TestDescriptor node;
        if (all.isEmpty()) {
            node = new ModuleCheckDescriptor(base, ref, catalog.abis().get(settings.abi()));
        } else {
            node = ModuleCheckDescriptor.configurationError(base, settings.displayName(), all);
            issues.reportIssue(DiscoveryIssue.create(Severity.WARNING, "guest conformance is misconfigured: "
                    + String.join("; ", all)));
        }
        engine.addChild(node);
        engine.orderChildren(children -> {
            List<TestDescriptor> ordered = new ArrayList<>(children);
            ordered.remove(node);
            ordered.add(0, node);
            return ordered;
        });
    }

    boolean isGuestUnderTest(GuestRef guest) {
        return ref.path().equals(guest.path());
    }

    /** The toolchain that builds the guest under test: the configured one, else its recipe's. */
    String toolchain() {
        if (settings.toolchain() != null) {
            return settings.toolchain();
        }
        try {
            return GuestRecipe.read(settings.guest().resolve(GuestRecipe.FILE_NAME)).toolchain();
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    /** The guests a case runs on in this run: the guest under test for the profile and for {@code $guest}. */
    List<GuestRef> guestsFor(CaseSource source, List<GuestRef> declared) {
        if (source.equals(profile)) {
            return List.of(ref);
        }
        return declared.stream().map(g -> PLACEHOLDER.equals(g.path()) ? ref : g).toList();
    }

    /**
     * Wraps the kit's loader so that the guest under test loads from configuration, and a case that
     * names {@code $guest} when none is configured fails saying so.
     */
    public static GuestLoader loader(KitConfig config, GuestLoader delegate) {
        Optional<GuestConformance> run = from(config);
        return (ref, caseFile) -> {
            if (run.isPresent() && run.get().ref.path().equals(ref.path())) {
                return run.get().load(config);
            }
            if (PLACEHOLDER.equals(ref.path())) {
                throw new IllegalStateException("the case names " + PLACEHOLDER + " (named at " + ref.where()
                        + "), but no guest is configured: set " + Constants.GUEST + " and " + Constants.GUEST_ABI);
            }
            return delegate.load(ref, caseFile);
        };
    }

    private GuestModule load(KitConfig config) throws Exception {
        Path guest = settings.guest();
        if (settings.isWasm()) {
            return new GuestModule(guest.getFileName().toString(), BoundedFiles.read(guest, config.moduleMaxBytes()));
        }
        // Source folders inside the kit's guests root keep their usual cache keys; any other folder is
        // built relative to its parent, so its recipe's includes may reach sibling folders.
        Path root = config.guestsDir().toAbsolutePath().normalize();
        if (!guest.startsWith(root) || guest.equals(root)) {
            root = guest.getParent();
        }
        GuestBuilder builder = new GuestBuilder(root, config.cacheDir(), config.toolchainImages(),
                config.dockerRequired());
        BuiltGuest built = builder.build(root.relativize(guest).toString().replace('\\', '/'), settings.toolchain());
        return new GuestModule(guest.getFileName().toString(), built.read());
    }
}
