package dev.wasmtck.internal.cases;

import dev.wasmtck.internal.msgpack.PayloadExpectation;
import dev.wasmtck.host.Abi;
import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.runtime.Limits;
import dev.wasmtck.internal.msgpack.Payloads;
import dev.wasmtck.internal.yaml.CaseFormatException;
import dev.wasmtck.internal.yaml.SourceRef;
import dev.wasmtck.internal.yaml.YamlFiles;
import dev.wasmtck.internal.yaml.YamlMap;
import dev.wasmtck.internal.yaml.YamlNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads case files (format version 1, see docs/case-format.md). File-level problems fail the file;
 * a problem inside one case entry fails only that case, so one typo never hides the rest.
 */
public final class CaseFileParser {
    public static final int FORMAT_VERSION = 1;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern TAG = Pattern.compile("[^\\s,()&|!]+");
    /** Capability names: lower case, dots between the parts, e.g. {@code wasm-exec.host-js}. */
    public static final Pattern CAPABILITY = Pattern.compile("[a-z0-9]+(?:[.-][a-z0-9]+)*");
    private static final List<String> FILE_KEYS =
            List.of("format", "description", "abi", "guest", "tags", "level", "requires", "timeout", "memory", "host",
                    "same-as", "cases");
    private static final List<String> CASE_KEYS = List.of(
            "id", "name", "description", "abi", "guest", "function", "input", "expect", "host", "tags",
            "level", "requires", "timeout", "memory", "skip", "concurrent", "same-as");
    private static final List<String> EXPECT_KEYS = List.of("output", "error", "exit", "stdout", "stderr", "globals", "host-calls");
    private static final byte[] MSGPACK_NIL = {(byte) 0xc0};
    private static final List<String> CONCURRENT_KEYS = List.of("pool", "callers", "rounds", "calls");
    private static final List<String> CALL_KEYS = List.of("function", "input", "expect");
    private static final List<String> CALL_EXPECT_KEYS = List.of("output", "error", "stdout", "stderr", "host-calls");
    /** Keys of the time limits beyond {@code timeout}, allowed on the file and on a case. */
    private static final List<String> LIMIT_KEYS = List.of("init-timeout");
    /** Bounds that keep a concurrent case's threads and instances within reason. */
    private static final int MAX_PARALLEL = 64;
    private static final int MAX_ROUNDS = 1000;

    private final Map<String, Abi<?>> abis;
    private final Limits defaults;
    private final long maxFileBytes;

    public CaseFileParser(Map<String, Abi<?>> abis, Limits defaults) {
        this(abis, defaults, YamlFiles.DEFAULT_MAX_BYTES);
    }

    /** @param maxFileBytes larger case files fail unread */
    public CaseFileParser(Map<String, Abi<?>> abis, Limits defaults, long maxFileBytes) {
        this.abis = Map.copyOf(abis);
        this.defaults = defaults;
        this.maxFileBytes = maxFileBytes;
    }

    /** Never throws for bad input: problems come back inside the {@link CaseFile}. */
    public CaseFile parse(CaseSource source) {
        try {
            return parse(source, source.readText(maxFileBytes));
        } catch (IOException e) {
            return CaseFile.failed(source, new CaseFormatException(new SourceRef(source.location(), 0),
                    "cannot read case file: " + e));
        } catch (CaseFormatException e) {
            return CaseFile.failed(source, e);
        }
    }

    private CaseFile parse(CaseSource source, String text) {
        List<YamlNode> docs = YamlFiles.compose(text, source.location(), maxFileBytes);
        if (docs.size() != 1) {
            throw new CaseFormatException(new SourceRef(source.location(), docs.isEmpty() ? 1 : docs.get(1).where().line()),
                    docs.isEmpty() ? "the case file is empty" : "a case file holds one YAML document, found " + docs.size());
        }
        YamlMap file = docs.get(0).asMap("the case file").allowOnly(with(FILE_KEYS, LIMIT_KEYS));
        Optional<YamlNode> format = file.get("format");
        if (format.isPresent() && format.get().asInt("format") != FORMAT_VERSION) {
            throw format.get().error("unsupported case format " + format.get().scalarText("format")
                    + "; this kit reads format " + FORMAT_VERSION);
        }
        String description = file.get("description").map(n -> n.asString("description")).orElse(null);
        FileDefaults fd = new FileDefaults(
                file.get("abi").map(n -> n.asString("abi")).orElse(null),
                file.get("guest").map(this::guests).orElse(null),
                file.get("tags").map(this::tags).orElse(Set.of()),
                file.get("level").map(CaseFileParser::level).orElse(CaseSpec.Level.REQUIRED),
                file.get("requires").map(CaseFileParser::capabilities).orElse(Set.of()),
                limits(file, defaults),
                file.get("host").map(n -> n.asMap("host")).orElse(null),
                file.get("same-as").map(CaseFileParser::sameAs).orElse(null));
        if (fd.abi != null) {
            abi(fd.abi, file.require("abi"));
        }
        List<YamlNode> entries = file.require("cases").asList("cases");
        if (entries.isEmpty()) {
            throw file.require("cases").error("cases is empty: a case file needs at least one case");
        }
        List<CaseSpec> cases = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (YamlNode entry : entries) {
            CaseSpec spec = parseCase(entry, fd);
            Integer first = seen.putIfAbsent(spec.id(), spec.where().line());
            if (first != null) {
                spec = CaseSpec.broken(spec.id() + "@line" + spec.where().line(), spec.where(), spec.tags(),
                        new CaseFormatException(spec.where(), "duplicate case id '" + spec.id()
                                + "' (first at line " + first + "); ids must be unique within a file"));
            }
            cases.add(spec);
        }
        return new CaseFile(source, description, List.copyOf(cases), null);
    }

    private record FileDefaults(String abi, List<GuestRef> guests, Set<String> tags, CaseSpec.Level level,
            Set<String> requires, Limits limits, YamlMap host, SameAs sameAs) {}

    private CaseSpec parseCase(YamlNode entry, FileDefaults fd) {
        SourceRef where = entry.where();
        String id = "case-at-line-" + where.line();
        Set<String> tags = fd.tags;
        try {
            YamlMap c = entry.asMap("a case");
            if (c.has("id")) {
                id = c.require("id").asString("id");
            }
            if (c.has("tags")) {
                tags = union(fd.tags, tags(c.require("tags")));
            }
            c.allowOnly(with(CASE_KEYS, LIMIT_KEYS));
            YamlNode idNode = c.require("id");
            if (!ID.matcher(id).matches()) {
                throw idNode.error("case id '" + id + "' must match " + ID.pattern());
            }
            String abiName = c.get("abi").map(n -> n.asString("abi")).orElse(fd.abi);
            if (abiName == null) {
                throw c.node().error("case '" + id + "' names no abi (set 'abi' on the case or the file); known: "
                        + abis.keySet());
            }
            Abi<?> abi = abi(abiName, c.get("abi").orElseGet(c::node));
            List<GuestRef> guests = c.get("guest").map(this::guests).orElse(fd.guests);
            if (guests == null) {
                throw c.node().error("case '" + id + "' names no guest (set 'guest' on the case or the file)");
            }
            String function = c.get("function").map(n -> n.asString("function")).orElse(abi.defaultFunction());
            c.get("input").ifPresent(abi::checkInput);
            byte[] input = c.get("input").map(Payloads::encode).orElse(MSGPACK_NIL);
            Optional<YamlMap> host = hostSection(fd.host, c.get("host").map(n -> n.asMap("host")).orElse(null));
            Object settings = abi.parseSettings(host);
            String skip = c.get("skip").map(n -> n.asString("skip (the reason)")).orElse(null);
            CaseSpec.Level level = c.get("level").map(CaseFileParser::level).orElse(fd.level);
            Set<String> requires = c.get("requires").map(n -> union(fd.requires, capabilities(n))).orElse(fd.requires);
            if (c.has("concurrent")) {
                if (c.has("same-as")) {
                    throw c.require("same-as").error("same-as compares one call; a concurrent case has many");
                }
                Concurrency concurrent = concurrent(c, abi, abiName);
                return new CaseSpec(id, c.get("name").map(n -> n.asString("name")).orElse(null), where, abiName,
                        settings, null, guests, tags, level, Set.copyOf(requires), limits(c, fd.limits), skip, null,
                        concurrent);
            }
            YamlMap expect = c.require("expect").asMap("expect").allowOnly(EXPECT_KEYS);
            Expected expected = expected(expect);
            TextMatch stdout = expect.get("stdout").map(n -> text(n, "stdout")).orElse(null);
            TextMatch stderr = expect.get("stderr").map(n -> text(n, "stderr")).orElse(null);
            Integer exit = null;
            if (expect.has("exit")) {
                YamlNode exitNode = expect.require("exit");
                if (expected instanceof Expected.Failure) {
                    throw exitNode.error("'exit' and 'error' exclude each other: a program that exits with a code"
                            + " is checked with 'exit' (or with error kind 'exit' when any non-zero code will do)");
                }
                long code = exitNode.asLong("exit code");
                if (code < 0 || code > 255) {
                    throw exitNode.error("an exit code is 0..255, found " + code);
                }
                exit = (int) code;
            }
            Map<String, PayloadExpectation> globals = new LinkedHashMap<>();
            expect.get("globals").ifPresent(g -> {
                YamlMap m = g.asMap("globals");
                for (String name : m.keys()) {
                    globals.put(name, Payloads.expectation(m.require(name)));
                }
            });
            SameAs sameAs = c.has("same-as") ? sameAs(c.require("same-as")) : fd.sameAs;
            Expectation expectation = new Expectation(expected, stdout, stderr, exit, globals,
                    expect.get("host-calls").map(Payloads::expectation).orElse(null), sameAs);
            return new CaseSpec(id, c.get("name").map(n -> n.asString("name")).orElse(null), where, abiName,
                    settings, new CallSpec(function, input, expectation, where), guests, tags,
                    level, Set.copyOf(requires), limits(c, fd.limits), skip, null, null);
        } catch (CaseFormatException e) {
            return CaseSpec.broken(ID.matcher(id).matches() ? id : "case-at-line-" + where.line(), where, tags, e);
        }
    }

    /**
     * {@code same-as}: a list of host ids, or {@code {hosts: [...], stdout: unordered-lines}}; an empty
     * list (on a case, against its file's) means no comparison.
     */
    private static SameAs sameAs(YamlNode node) {
        YamlNode hostsNode = node;
        boolean unordered = false;
        if (node.isMap()) {
            YamlMap map = node.asMap("same-as").allowOnly(List.of("hosts", "stdout"));
            hostsNode = map.require("hosts");
            Optional<YamlNode> stdout = map.get("stdout");
            if (stdout.isPresent()) {
                String order = stdout.get().asString("same-as.stdout");
                if (!order.equals("exact") && !order.equals("unordered-lines")) {
                    throw stdout.get().error("same-as.stdout is exact or unordered-lines, found '" + order + "'");
                }
                unordered = order.equals("unordered-lines");
            }
        }
        List<String> hosts = new ArrayList<>();
        for (YamlNode h : hostsNode.asList("same-as hosts")) {
            String id = h.asString("a host id");
            if (!CAPABILITY.matcher(id).matches()) {
                throw h.error("'" + id + "' is not a host id");
            }
            hosts.add(id);
        }
        if (hosts.isEmpty()) {
            if (node.isMap()) {
                throw hostsNode.error("same-as.hosts is empty; write same-as: [] for no comparison");
            }
            return null;
        }
        return new SameAs(hosts, unordered, node.where());
    }

    /** The {@code concurrent:} section; the case's own {@code expect} may then only hold {@code instances}. */
    private Concurrency concurrent(YamlMap c, Abi<?> abi, String abiName) {
        YamlNode node = c.require("concurrent");
        if (!abi.pooled()) {
            List<String> pooled = abis.values().stream().filter(Abi::pooled).map(Abi::name).sorted().toList();
            throw node.error("abi '" + abiName + "' has no instance pool, so its cases cannot be concurrent; "
                    + "concurrent cases are for " + (pooled.isEmpty() ? "no abi of this kit" : "abi " + pooled));
        }
        for (String key : List.of("function", "input")) {
            if (c.has(key)) {
                throw c.require(key).error("a concurrent case has no '" + key + "' of its own: each entry of "
                        + "concurrent.calls gives its own function, input and expect");
            }
        }
        YamlMap m = node.asMap("concurrent").allowOnly(CONCURRENT_KEYS);
        if (!m.has("pool") && !m.has("callers")) {
            throw node.error("concurrent needs 'pool' (the most instances at once), 'callers' (threads calling"
                    + " at once), or both; either defaults to the other");
        }
        int pool = m.get("pool").map(n -> bounded(n, "pool", 1, MAX_PARALLEL)).orElse(-1);
        int callers = m.get("callers").map(n -> bounded(n, "callers", 1, MAX_PARALLEL)).orElse(pool);
        pool = pool < 0 ? callers : pool;
        int rounds = m.get("rounds").map(n -> bounded(n, "rounds", 1, MAX_ROUNDS)).orElse(1);
        YamlNode callsNode = m.require("calls");
        List<YamlNode> entries = callsNode.asList("calls");
        if (entries.isEmpty()) {
            throw callsNode.error("calls is empty: a concurrent case needs at least one call");
        }
        List<CallSpec> calls = new ArrayList<>();
        for (YamlNode entry : entries) {
            YamlMap call = entry.asMap("a call").allowOnly(CALL_KEYS);
            String function = call.get("function").map(n -> n.asString("function")).orElse(abi.defaultFunction());
            call.get("input").ifPresent(abi::checkInput);
            byte[] input = call.get("input").map(Payloads::encode).orElse(MSGPACK_NIL);
            YamlMap expect = call.require("expect").asMap("expect").allowOnly(CALL_EXPECT_KEYS);
            calls.add(new CallSpec(function, input, new Expectation(expected(expect),
                    expect.get("stdout").map(n -> text(n, "stdout")).orElse(null),
                    expect.get("stderr").map(n -> text(n, "stderr")).orElse(null), null, Map.of(),
                    expect.get("host-calls").map(Payloads::expectation).orElse(null)), entry.where()));
        }
        Concurrency.Range instances = null;
        // Each call takes an idle instance or creates one, so no run creates more than this.
        int most = callers * rounds * calls.size();
        if (c.has("expect")) {
            YamlMap expect = c.require("expect").asMap("expect").allowOnly(List.of("instances"));
            YamlNode n = expect.require("instances");
            if (n.isScalar()) {
                int exact = bounded(n, "instances", 1, most);
                instances = new Concurrency.Range(exact, exact);
            } else {
                YamlMap r = n.asMap("instances").allowOnly(List.of("min", "max"));
                int min = r.get("min").map(v -> bounded(v, "instances.min", 1, most)).orElse(1);
                int max = r.get("max").map(v -> bounded(v, "instances.max", min, most)).orElse(most);
                instances = new Concurrency.Range(min, max);
            }
        }
        return new Concurrency(pool, callers, rounds, calls, instances, node.where());
    }

    private static int bounded(YamlNode node, String what, int min, int max) {
        int value = node.asInt(what);
        if (value < min || value > max) {
            throw node.error(what + " must be " + min + ".." + max + ", found " + value);
        }
        return value;
    }

    private static Optional<YamlMap> hostSection(YamlMap fileLevel, YamlMap caseLevel) {
        if (fileLevel == null) {
            return Optional.ofNullable(caseLevel);
        }
        return Optional.of(caseLevel == null ? fileLevel : fileLevel.overriddenBy(caseLevel));
    }

    private Abi<?> abi(String name, YamlNode at) {
        Abi<?> abi = abis.get(name);
        if (abi == null) {
            throw at.error("unknown abi '" + name + "'; this kit knows " + abis.keySet());
        }
        return abi;
    }

    private Expected expected(YamlMap expect) {
        if (expect.has("output") && expect.has("error")) {
            throw expect.require("error").error("expect takes 'output' or 'error', not both");
        }
        if (!expect.has("output") && !expect.has("error")) {
            if (EXPECT_KEYS.stream().noneMatch(expect::has)) {
                throw expect.node().error("expect needs at least one of " + EXPECT_KEYS);
            }
            return new Expected.Completes(expect.node().where());
        }
        String which = expect.has("output") ? "output" : "error";
        YamlNode node = expect.require(which);
        if (which.equals("output")) {
            return new Expected.Output(Payloads.expectation(node), node.where());
        }
        if (node.isScalar()) {
            return new Expected.Failure(null, TextMatch.contains(node.asString("error")), node.where());
        }
        YamlMap e = node.asMap("error").allowOnly(List.of("kind", "message", "matches"));
        GuestFault.Kind kind = e.get("kind").map(CaseFileParser::faultKind).orElse(null);
        TextMatch message = null;
        if (e.has("message") && e.has("matches")) {
            throw node.error("error takes 'message' (a substring) or 'matches' (a regex), not both");
        }
        if (e.has("message")) {
            message = TextMatch.contains(e.require("message").asString("error message"));
        } else if (e.has("matches")) {
            message = TextMatch.matches(regex(e.require("matches")));
        }
        if (kind == null && message == null) {
            throw node.error("error needs 'kind', 'message' or 'matches'");
        }
        return new Expected.Failure(kind, message, node.where());
    }

    private static GuestFault.Kind faultKind(YamlNode node) {
        String text = node.asString("error kind");
        for (GuestFault.Kind k : GuestFault.Kind.values()) {
            if (k.label().equals(text)) {
                return k;
            }
        }
        List<String> labels = new ArrayList<>();
        for (GuestFault.Kind k : GuestFault.Kind.values()) {
            labels.add(k.label());
        }
        throw node.error("unknown error kind '" + text + "'; expected one of " + labels);
    }

    private static TextMatch text(YamlNode node, String what) {
        if (node.isScalar()) {
            return TextMatch.equalsTo(node.asString(what));
        }
        YamlMap m = node.asMap(what).allowOnly(List.of("equals", "contains", "matches"));
        String how = m.exactlyOneOf(List.of("equals", "contains", "matches"));
        YamlNode v = m.require(how);
        return switch (how) {
            case "equals" -> TextMatch.equalsTo(v.asString(what));
            case "contains" -> TextMatch.contains(v.asString(what));
            default -> TextMatch.matches(regex(v));
        };
    }

    private static Pattern regex(YamlNode node) {
        try {
            return Pattern.compile(node.asString("a regular expression"));
        } catch (PatternSyntaxException e) {
            throw node.error("invalid regular expression: " + e.getDescription());
        }
    }

    private List<GuestRef> guests(YamlNode node) {
        if (node.isList()) {
            List<GuestRef> out = new ArrayList<>();
            for (YamlNode item : node.asList("guest")) {
                out.add(guest(item));
            }
            if (out.isEmpty()) {
                throw node.error("guest list is empty");
            }
            return List.copyOf(out);
        }
        return List.of(guest(node));
    }

    private GuestRef guest(YamlNode node) {
        if (node.isScalar()) {
            String path = node.asString("guest");
            return path.endsWith(".wasm")
                    ? new GuestRef(GuestRef.Kind.WASM, path, null, node.where())
                    : new GuestRef(GuestRef.Kind.SOURCE, path, null, node.where());
        }
        YamlMap g = node.asMap("guest").allowOnly(List.of("source", "toolchain", "wasm"));
        String which = g.exactlyOneOf(List.of("source", "wasm"));
        if (which.equals("wasm")) {
            if (g.has("toolchain")) {
                throw g.require("toolchain").error("a prebuilt 'wasm' guest takes no toolchain");
            }
            return new GuestRef(GuestRef.Kind.WASM, g.require("wasm").asString("wasm"), null, node.where());
        }
        String toolchain = g.get("toolchain").map(n -> n.asString("toolchain")).orElse(null);
        return new GuestRef(GuestRef.Kind.SOURCE, g.require("source").asString("source"), toolchain, node.where());
    }

    private Set<String> tags(YamlNode node) {
        Set<String> out = new LinkedHashSet<>();
        for (YamlNode item : node.isScalar() ? List.of(node) : node.asList("tags")) {
            String t = item.asString("a tag").trim();
            if (!TAG.matcher(t).matches()) {
                throw item.error("tag '" + t + "' is not a valid JUnit tag (no blanks, commas, parentheses, & | !)");
            }
            out.add(t);
        }
        return out;
    }

    private static CaseSpec.Level level(YamlNode node) {
        String text = node.asString("level");
        for (CaseSpec.Level l : CaseSpec.Level.values()) {
            if (l.label().equals(text)) {
                return l;
            }
        }
        throw node.error("unknown level '" + text + "'; expected required or optional");
    }

    private static Set<String> capabilities(YamlNode node) {
        Set<String> out = new LinkedHashSet<>();
        for (YamlNode item : node.isScalar() ? List.of(node) : node.asList("requires")) {
            String c = item.asString("a capability");
            if (!CAPABILITY.matcher(c).matches()) {
                throw item.error("capability '" + c + "' must match " + CAPABILITY.pattern()
                        + " (see docs/host-spi.md#capabilities)");
            }
            out.add(c);
        }
        return out;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new LinkedHashSet<>(a);
        out.addAll(b);
        return out;
    }

    private static Limits limits(YamlMap map, Limits base) {
        Duration timeout = map.get("timeout").map(n -> n.asDuration("timeout")).orElse(base.timeout());
        long memory = map.get("memory").map(n -> n.asByteSize("memory")).orElse(base.maxMemoryBytes());
        if (timeout.isZero() || timeout.isNegative()) {
            throw map.require("timeout").error("timeout must be positive");
        }
        if (memory < 65536) {
            throw map.require("memory").error("memory must be at least one 64 KiB page");
        }
        Duration initTimeout = map.get("init-timeout").map(n -> n.asDuration("init-timeout")).orElse(base.initTimeout());
        if (initTimeout != null && (initTimeout.isZero() || initTimeout.isNegative())) {
            throw map.require("init-timeout").error("init-timeout must be positive");
        }
        return new Limits(timeout, memory, initTimeout);
    }

    private static List<String> with(List<String> keys, List<String> more) {
        List<String> all = new ArrayList<>(keys);
        all.addAll(more);
        return all;
    }
}
