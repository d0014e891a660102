package dev.wasmtck.internal.engine.discovery;

import dev.wasmtck.internal.cases.CaseFile;
import dev.wasmtck.internal.cases.CaseSpec;
import dev.wasmtck.internal.cases.GuestRef;
import dev.wasmtck.internal.engine.descriptor.KnownFailureListDescriptor;
import dev.wasmtck.internal.engine.execution.KnownFailures;
import dev.wasmtck.internal.engine.execution.Target;
import dev.wasmtck.host.Host;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;

/**
 * Every entry of a known-failure list must match some target of a case this run discovered;
 * entries naming files outside the run are left alone, so narrow runs stay green. A list with
 * problems becomes one failing test named after it, and a discovery issue pointing at the list.
 */
final class KnownFailureCheck {
    private final Catalog catalog;
    private final Function<GuestRef, String> toolchainOf;

    KnownFailureCheck(Catalog catalog, Function<GuestRef, String> toolchainOf) {
        this.catalog = catalog;
        this.toolchainOf = toolchainOf;
    }

    void check(TestDescriptor engine, KnownFailures knownFailures, Collection<CaseFile> files,
            DiscoveryIssueReporter issues) {
        Map<String, CaseFile> parsed = new HashMap<>();
        files.forEach(f -> parsed.putIfAbsent(f.source().displayPath(), f));
        Set<String> hostIds = new HashSet<>();
        catalog.hosts().forEach(h -> hostIds.add(h.id()));
        for (KnownFailures.ListFile list : knownFailures.lists()) {
            List<String> problems = new ArrayList<>(list.problems);
            Map<String, KnownFailures.Entry> claimed = new HashMap<>();
            for (KnownFailures.Entry entry : list.entries) {
                if (hostIds.contains(entry.host())) {
                    check(entry, parsed, claimed, problems);
                }
            }
            if (!problems.isEmpty()) {
                KnownFailureListDescriptor node = new KnownFailureListDescriptor(engine.getUniqueId(), list, problems);
                engine.addChild(node);
                issues.reportIssue(DiscoveryIssue.builder(Severity.WARNING, String.join("\n", problems))
                        .source(node.getSource()));
            }
        }
    }

    /** Adds what is wrong with one entry to {@code problems}; {@code claimed} holds the targets earlier entries took. */
    private void check(KnownFailures.Entry entry, Map<String, CaseFile> parsed,
            Map<String, KnownFailures.Entry> claimed, List<String> problems) {
        CaseFile file = parsed.get(entry.file());
        if (file == null) {
            if (noSuchFile(entry.file(), parsed.values())) {
                problems.add(entry.where() + ": " + entry.caseId() + " names no case file (no " + entry.file()
                        + ".yaml beside the case files of this run)");
            }
            return;
        }
        if (file.error() != null) {
            return;
        }
        Optional<CaseSpec> spec = file.cases().stream().filter(c -> c.id().equals(entry.caseName())).findFirst();
        if (spec.isEmpty()) {
            problems.add(entry.where() + ": " + entry.caseId() + " names no case of " + file.source().location());
            return;
        }
        boolean any = false;
        if (spec.get().error() == null) {
            for (Host host : catalog.hostsFor(spec.get().abi())) {
                for (GuestRef guest : spec.get().guests()) {
                    if (entry.matches(host.id(), toolchainOf.apply(guest), guest.path())) {
                        any = true;
                        String key = entry.caseId() + "|" + new Target(guest, host, toolchainOf.apply(guest)).id();
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
                        + " (" + toolchainOf.apply(g) + ")").toList() + ")");
        }
    }

    /**
     * True when the run read a case file from the folder {@code displayPath} names, and that folder has
     * no such file: the entry has a typo or outlived a rename. Folders the run did not read are not judged.
     */
    private static boolean noSuchFile(String displayPath, Collection<CaseFile> parsed) {
        int slash = displayPath.lastIndexOf('/');
        String folder = slash < 0 ? "" : displayPath.substring(0, slash + 1);
        String stem = displayPath.substring(slash + 1);
        for (CaseFile f : parsed) {
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
}
