package dev.wasmtck.internal.host.wasmexec;

import dev.wasmtck.internal.yaml.SourceRef;
import dev.wasmtck.internal.yaml.YamlFiles;
import dev.wasmtck.internal.yaml.YamlMap;
import dev.wasmtck.internal.yaml.YamlNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * How GoStdlibTest departs from a plain {@code go test} run (go-stdlib/skips.yaml): the tests not
 * run on the wasm_exec host, and extra {@code go test} flags for some packages. Skips become
 * {@code -skip} where the line has it (Go >= 1.20), else an anchored {@code -run} of the
 * package's other top-level tests (Go 1.19).
 */
final class GoSkips {

    /** One entry. {@code go} is all, current, legacy, or a Go version or version prefix. */
    record Skip(String pkg, String go, String tests, String why, SourceRef where) {
        boolean appliesTo(GoLine line, String pkgPath) {
            return pkg.equals(pkgPath) && lineMatches(go, line);
        }

        /** Go's -run/-skip match anywhere in the name, as find() does. */
        boolean matches(String testName) {
            return Pattern.compile(tests).matcher(testName).find();
        }
    }

    /** Extra go test flags for one package, such as -tags=timetzdata. */
    record Flags(String pkg, String go, List<String> flags, String why, SourceRef where) {
        boolean appliesTo(GoLine line, String pkgPath) {
            return pkg.equals(pkgPath) && lineMatches(go, line);
        }
    }

    static boolean lineMatches(String go, GoLine line) {
        return go.equals("all") || go.equals(line.key()) || go.equals(line.version())
                || line.version().startsWith(go + ".");
    }

    /** What to do for one package on one line. */
    record Plan(List<String> flags, List<Skip> applied, boolean everythingSkipped) {}

    /** Lists a package's top-level tests, examples and fuzz tests ({@code go test -list .}). */
    @FunctionalInterface
    interface Lister {
        List<String> list() throws Exception;
    }

    private static final Set<String> KEYS = Set.of("package", "go", "tests", "why");
    private static final Set<String> FLAG_KEYS = Set.of("package", "go", "flags", "why");
    private static final Pattern NAME = Pattern.compile("(Test|Example|Fuzz)\\w*");

    private final List<Skip> skips;
    private final List<Flags> flags;

    private GoSkips(List<Skip> skips, List<Flags> flags) {
        this.skips = List.copyOf(skips);
        this.flags = List.copyOf(flags);
    }

    List<Skip> all() {
        return skips;
    }

    List<Flags> allFlags() {
        return flags;
    }

    static GoSkips parse(String text, String location) {
        List<YamlNode> docs = YamlFiles.compose(text, location);
        if (docs.size() != 1) {
            throw new IllegalArgumentException(location + ": expected one YAML document, found " + docs.size());
        }
        YamlMap root = docs.get(0).asMap("the skip list").allowOnly(Set.of("skips", "flags"));
        List<Skip> out = new ArrayList<>();
        YamlNode list = root.require("skips");
        if (!list.isNull()) {
            for (YamlNode item : list.asList("skips")) {
                YamlMap m = item.asMap("a skip entry").allowOnly(KEYS);
                String pkg = m.require("package").asString("package").trim();
                String go = lineSelector(m);
                YamlNode testsNode = m.require("tests");
                String tests = testsNode.asString("tests").trim();
                String why = m.require("why").asString("why").trim();
                if (pkg.isEmpty() || tests.isEmpty()) {
                    throw item.error("package and tests must not be empty");
                }
                if (why.isEmpty()) {
                    throw item.error("a skip needs a justification in 'why'");
                }
                if (tests.contains("/")) {
                    throw testsNode.error("tests matches top-level test names only; '/' (a subtest level) is not supported: " + tests);
                }
                try {
                    Pattern.compile(tests);
                } catch (PatternSyntaxException e) {
                    throw testsNode.error("tests is not a valid regular expression: " + e.getDescription());
                }
                out.add(new Skip(pkg, go, tests, why, item.where()));
            }
        }
        List<Flags> flags = new ArrayList<>();
        YamlNode flagList = root.get("flags").orElse(null);
        if (flagList != null && !flagList.isNull()) {
            for (YamlNode item : flagList.asList("flags")) {
                YamlMap m = item.asMap("a flags entry").allowOnly(FLAG_KEYS);
                String pkg = m.require("package").asString("package").trim();
                String go = lineSelector(m);
                List<String> add = m.require("flags").asStringList("flags");
                String why = m.require("why").asString("why").trim();
                if (why.isEmpty()) {
                    throw item.error("a flags entry needs a justification in 'why'");
                }
                for (String f : add) {
                    if (!f.startsWith("-")) {
                        throw m.require("flags").error("flags are go test flags, each starting with '-', found '" + f + "'");
                    }
                }
                flags.add(new Flags(pkg, go, add, why, item.where()));
            }
        }
        return new GoSkips(out, flags);
    }

    private static String lineSelector(YamlMap m) {
        String go = m.require("go").asString("go").trim();
        if (!go.equals("all") && !go.equals("current") && !go.equals("legacy") && !go.startsWith("go1.")) {
            throw m.require("go").error("go must be all, current, legacy or a Go version such as go1.19, found '" + go + "'");
        }
        return go;
    }

    /** The extra flags for this package on this line, in file order. */
    List<String> extraFlags(GoLine line, String pkg) {
        return flags.stream().filter(f -> f.appliesTo(line, pkg)).flatMap(f -> f.flags().stream()).toList();
    }

    /**
     * The flags that leave out this package's skipped tests on this line. The lister is called only
     * when the line has no {@code -skip} and some entry applies.
     */
    Plan plan(GoLine line, String pkg, Lister lister) throws Exception {
        List<Skip> applied = skips.stream().filter(s -> s.appliesTo(line, pkg)).toList();
        if (applied.isEmpty()) {
            return new Plan(List.of(), applied, false);
        }
        if (line.hasSkipFlag()) {
            String joined = applied.stream().map(s -> "(?:" + s.tests() + ")").collect(Collectors.joining("|"));
            return new Plan(List.of("-skip", joined), applied, false);
        }
        List<String> remaining = new ArrayList<>();
        for (String name : lister.list()) {
            if (NAME.matcher(name).matches() && applied.stream().noneMatch(s -> s.matches(name))) {
                remaining.add(name);
            }
        }
        if (remaining.isEmpty()) {
            return new Plan(List.of(), applied, true);
        }
        return new Plan(List.of("-run", "^(?:" + String.join("|", remaining) + ")$"), applied, false);
    }

    /** The names in {@code go test -list} output: one per line, then the "ok" summary. */
    static List<String> listedNames(List<String> output) {
        return output.stream().map(String::trim).filter(l -> NAME.matcher(l).matches()).toList();
    }
}
