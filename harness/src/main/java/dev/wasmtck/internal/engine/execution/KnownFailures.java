package dev.wasmtck.internal.engine.execution;

import dev.wasmtck.Constants;
import dev.wasmtck.internal.cases.CaseSource;
import dev.wasmtck.internal.engine.config.KitConfig;
import dev.wasmtck.internal.yaml.CaseFormatException;
import dev.wasmtck.internal.yaml.SourceRef;
import dev.wasmtck.internal.yaml.YamlFiles;
import dev.wasmtck.internal.yaml.YamlMap;
import dev.wasmtck.internal.yaml.YamlNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Known-failure lists (docs/known-failures.md): expected failures keyed by stable case id x host
 * (x toolchain, x guest), each with the start of its message. Problems with a list (bad YAML, an
 * entry that matches nothing) are collected per list, to fail one node named after it.
 */
public final class KnownFailures {
    static final String AUTO_PREFIX = "known-failures/";
    private static final List<String> FILE_KEYS = List.of("format", "host", "failures");
    private static final List<String> ENTRY_KEYS = List.of("case", "host", "toolchain", "guest", "message", "unstable", "reason");
    private static final Pattern CASE_ID = Pattern.compile("[^#\\s]+#[A-Za-z0-9][A-Za-z0-9._-]*");

    /** One entry. {@code toolchain} and {@code guest} are null when the entry does not narrow by them. */
    /**
     * One entry. {@code message} is the start of the expected failure; it is null for an unstable
     * entry, whose target is not run at all (its outcome depends on timing), and is reported aborted.
     */
    public record Entry(SourceRef where, String caseId, String host, String toolchain, String guest, String message,
            String reason) {
        public boolean unstable() {
            return message == null;
        }


        public String file() {
            return caseId.substring(0, caseId.indexOf('#'));
        }

        public String caseName() {
            return caseId.substring(caseId.indexOf('#') + 1);
        }

        public boolean matches(String hostId, String targetToolchain, String guestPath) {
            return host.equals(hostId) && (toolchain == null || toolchain.equals(targetToolchain))
                    && (guest == null || guest.equals(guestPath));
        }
    }

    /** A loaded list: where it came from, its entries, and what is wrong with it (each message starts file:line). */
    public static final class ListFile {
        public final String location;
        public final SourceRef where;
        public final List<Entry> entries = new ArrayList<>();
        public final List<String> problems = new ArrayList<>();

        ListFile(String location, SourceRef where) {
            this.location = location;
            this.where = where;
        }
    }

    private final List<ListFile> lists;

    private KnownFailures(List<ListFile> lists) {
        this.lists = List.copyOf(lists);
    }

    public static KnownFailures none() {
        return new KnownFailures(List.of());
    }

    /** Loads the configured lists, then {@code known-failures/<host>.yaml} for each running host unless turned off. */
    public static KnownFailures load(KitConfig config, Set<String> hostIds, ClassLoader loader) {
        Map<String, ListFile> byLocation = new LinkedHashMap<>();
        for (String name : config.knownFailureLists()) {
            ListFile list = read(name, loader, true);
            byLocation.putIfAbsent(list.location, list);
        }
        if (config.knownFailuresAuto()) {
            for (String host : hostIds) {
                String resource = AUTO_PREFIX + host + ".yaml";
                if (loader.getResource(resource) != null) {
                    ListFile list = read("classpath:" + resource, loader, false);
                    byLocation.putIfAbsent(list.location, list);
                }
            }
        }
        return new KnownFailures(new ArrayList<>(byLocation.values()));
    }

    public List<ListFile> lists() {
        return lists;
    }

    /** The entry for this target, if any; with duplicates, the first (the others are reported at discovery). */
    public Optional<Entry> match(String caseId, Target target) {
        for (ListFile list : lists) {
            for (Entry e : list.entries) {
                if (e.caseId.equals(caseId) && e.matches(target.host().id(), target.toolchain(), target.guest().path())) {
                    return Optional.of(e);
                }
            }
        }
        return Optional.empty();
    }

    /** {@code name} is a path on disk, or {@code classpath:NAME}, or a classpath name not found on disk. */
    private static ListFile read(String name, ClassLoader loader, boolean configured) {
        String text;
        String location;
        if (name.startsWith("classpath:") || !Files.isRegularFile(Path.of(name))) {
            String resource = name.replaceFirst("^classpath:/*", "");
            location = resource;
            try (InputStream in = loader.getResourceAsStream(resource)) {
                text = in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                text = null;
            }
        } else {
            Path path = Path.of(name).toAbsolutePath().normalize();
            location = path.toString();
            try {
                text = Files.readString(path, StandardCharsets.UTF_8);
            } catch (IOException e) {
                text = null;
            }
        }
        ListFile list = new ListFile(location, new SourceRef(location, 1));
        if (text == null) {
            list.problems.add(location + ": cannot read the known-failure list named in "
                    + (configured ? Constants.KNOWN_FAILURES : "the classpath") + " (not a file, not a classpath resource)");
            return list;
        }
        try {
            parse(list, text);
        } catch (CaseFormatException e) {
            list.problems.add(e.getMessage());
        }
        return list;
    }

    private static void parse(ListFile list, String text) {
        List<YamlNode> docs = YamlFiles.compose(text, list.location);
        if (docs.size() != 1) {
            throw new CaseFormatException(list.where, "a known-failure list holds one YAML document, found " + docs.size());
        }
        YamlMap file = docs.get(0).asMap("the known-failure list").allowOnly(FILE_KEYS);
        Optional<YamlNode> format = file.get("format");
        if (format.isPresent() && format.get().asInt("format") != 1) {
            throw format.get().error("unsupported known-failure list format " + format.get().scalarText("format")
                    + "; this kit reads format 1");
        }
        String fileHost = file.get("host").map(n -> n.asString("host")).orElse(null);
        for (YamlNode item : file.require("failures").asList("failures")) {
            try {
                YamlMap m = item.asMap("a known failure").allowOnly(ENTRY_KEYS);
                YamlNode caseNode = m.require("case");
                String caseId = caseNode.asString("case");
                if (!CASE_ID.matcher(caseId).matches()) {
                    throw caseNode.error("case '" + caseId + "' is not a stable case id (file#case, e.g. wasm-exec/programs#hello)");
                }
                String host = m.get("host").map(n -> n.asString("host")).orElse(fileHost);
                if (host == null) {
                    throw m.node().error("entry for " + caseId + " names no host (set 'host' on the entry or the list)");
                }
                boolean unstable = m.get("unstable").map(n -> n.asBoolean("unstable")).orElse(false);
                if (unstable == m.has("message")) {
                    throw m.node().error("entry for " + caseId + " needs exactly one of 'message' (the start of the"
                            + " expected failure) and 'unstable: true' (not run: its outcome depends on timing)");
                }
                String message = unstable ? null : m.require("message").asString("message");
                if (message != null && message.isEmpty()) {
                    throw m.require("message").error("message is empty: give the start of the expected failure message");
                }
                String reason = m.require("reason").asString("reason");
                list.entries.add(new Entry(item.where(), caseId, host,
                        m.get("toolchain").map(n -> n.asString("toolchain")).orElse(null),
                        m.get("guest").map(n -> n.asString("guest")).orElse(null), message, reason));
            } catch (CaseFormatException e) {
                list.problems.add(e.getMessage());
            }
        }
    }

    /** The stable case id: the file's path below the cases root without extension, {@code #}, the case id. */
    public static String caseId(CaseSource source, String caseName) {
        return source.displayPath() + "#" + caseName;
    }
}
