package dev.wasmtck.internal.host.wasmexec;

import static org.junit.jupiter.api.Assertions.fail;

import dev.wasmtck.Constants;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import dev.wasmtck.internal.yaml.Units;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Go's own standard-library tests, built for GOOS=js GOARCH=wasm and run through
 * {@code go test -exec bin/go_js_wasm_exec}, i.e. on the Java wasm_exec host, for each Go line
 * (current and 1.19) and each package. See docs/go-launcher.md.
 *
 * <p>System properties:
 * <ul>
 *   <li>{@code wasm.tck.go.current}, {@code wasm.tck.go.legacy}: the go binaries (defaults
 *       /usr/local/go/bin/go or go on PATH; /usr/lib/go-1.19/bin/go);
 *   <li>{@code wasm.tck.go.required=true}: a missing line fails instead of aborting;
 *   <li>{@code wasm.tck.go.exec} and {@code wasm.tck.go.exec.<line>}: the -exec program instead of
 *       bin/go_js_wasm_exec; the value {@code node} means that line's own Go node runner;
 *   <li>{@code wasm.tck.go.node.fs} (node runners only): real (default), enosys or empty, to
 *       predict with Node.js which tests need a file system (see node-fs-policy.cjs);
 *   <li>{@code wasm.tck.go.lines} (default current,legacy), {@code wasm.tck.go.packages} (a comma list,
 *       or {@code common} or {@code extended});
 *   <li>{@code wasm.tck.go.parallel} (default 2): how many packages run at once;
 *   <li>{@code wasm.tck.go.java-opts}: the launcher's JVM options (default its own plus
 *       {@code -XX:TieredStopAtLevel=1});
 *   <li>{@code wasm.tck.go.timeout} (default 10m): go test's -timeout; the process tree (go, the
 *       launcher, java or node) is killed {@code wasm.tck.go.build-allowance} (default 5m) later,
 *       as go builds the test binary before that timeout starts;
 *   <li>{@code wasm.tck.go.skips}: a file instead of the bundled go-stdlib/skips.yaml (skips and
 *       per-package flags).
 * </ul>
 */
class GoStdlibTest {

    /**
     * What the project's tests (and CI) run on both lines: five packages that need no file system,
     * and four of {@link #COMMON} whose tests read {@code testdata/} or capture examples' output in
     * temporary files.
     */
    static final List<String> PACKAGES = List.of("syscall/js", "encoding/json", "strings", "sort", "sync", "fmt",
            "regexp", "text/template", "bytes");
    /**
     * Fifteen packages most Go code uses, which pass under node with Go's own runner without
     * {@code -skip}: {@code -Dwasm.tck.go.packages=common}.
     */
    static final List<String> COMMON = List.of("fmt", "strconv", "regexp", "unicode/utf8", "encoding/base64",
            "container/list", "bytes", "errors", "math", "path", "hash/crc32", "crypto/sha256", "text/template",
            "encoding/hex", "bufio");
    /**
     * Everything: the default set, {@link #COMMON}, and {@code time} and {@code math/big}, which pass
     * too but are slow on Chicory (minutes each, against seconds under node):
     * {@code -Dwasm.tck.go.packages=extended}.
     */
    static final List<String> EXTENDED = java.util.stream.Stream.of(PACKAGES, COMMON, List.of("time", "math/big"))
            .flatMap(List::stream).distinct().toList();

    private static final int TAIL_LINES = 80;
    private static final String OWN_LAUNCHER = "bin/go_js_wasm_exec";

    @TestFactory
    Stream<DynamicTest> goStdlibOnTheWasmExecHost() throws Exception {
        GoSkips skips = loadSkips();
        List<String> packages = switch (System.getProperty(Constants.GO_PACKAGES, "").trim()) {
            case "extended" -> EXTENDED;
            case "common" -> COMMON;
            default -> listProperty(Constants.GO_PACKAGES, PACKAGES);
        };
        List<DynamicTest> tests = new ArrayList<>();
        // Each run spends much of its time single-threaded (go build, JVM start, compiling the test
        // binary), so a couple run side by side; each test waits for its own run.
        int parallel = Integer.getInteger(Constants.GO_PARALLEL, 2);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(parallel, r -> {
            Thread t = new Thread(r, "go-stdlib");
            t.setDaemon(true);
            return t;
        });
        for (String key : listProperty(Constants.GO_LINES, List.of("current", "legacy"))) {
            GoLine line = GoLine.find(key);
            for (String pkg : packages) {
                java.util.concurrent.Future<Throwable> outcome = pool.submit(() -> {
                    try {
                        run(line, pkg, skips);
                        return null;
                    } catch (Throwable t) {
                        return t;
                    }
                });
                tests.add(DynamicTest.dynamicTest(line.version() + " " + pkg, () -> {
                    Throwable t = outcome.get();
                    if (t != null) {
                        throw t;
                    }
                }));
            }
        }
        pool.shutdown();
        return tests.stream();
    }

    private void run(GoLine line, String pkg, GoSkips skips) throws Exception {
        if (!line.installed()) {
            if (Boolean.getBoolean(Constants.GO_REQUIRED)) {
                fail(line.missing() + " (and " + Constants.GO_REQUIRED + "=true)");
            }
            Assumptions.abort(line.missing());
        }
        Runner runner = runner(line);
        Duration timeout = durationProperty(Constants.GO_TIMEOUT, "10m");
        Duration killAfter = timeout.plus(durationProperty(Constants.GO_BUILD_ALLOWANCE, "5m"));
        Path logs = Path.of("target", "go-stdlib", line.version()).toAbsolutePath();
        Files.createDirectories(logs);
        String logName = pkg.replace('/', '_');

        List<String> extra = skips.extraFlags(line, pkg);
        GoSkips.Plan plan = skips.plan(line, pkg, () -> {
            List<String> cmd = new ArrayList<>(List.of(line.go().toString(), "test", "-exec", runner.exec().toString(),
                    "-count=1", "-list", "."));
            cmd.addAll(extra);
            cmd.add(pkg);
            Result r = exec(cmd, runner.env(), logs.resolve(logName + ".list.log"), killAfter);
            r.requireOk(pkg);
            return GoSkips.listedNames(r.lines());
        });
        if (plan.everythingSkipped()) {
            Assumptions.abort("every test of " + pkg + " is in the skip list for " + line.version());
        }

        List<String> cmd = new ArrayList<>(List.of(line.go().toString(), "test", "-exec", runner.exec().toString(),
                "-short", "-count=1", "-timeout", timeout.toSeconds() + "s"));
        cmd.addAll(extra);
        cmd.addAll(plan.flags());
        cmd.add(pkg);
        Result r = exec(cmd, runner.env(), logs.resolve(logName + ".log"), killAfter);
        r.requireOk(pkg);
    }

    /** The -exec program and the environment additions it needs. */
    record Runner(Path exec, Map<String, String> env) {}

    private static Runner runner(GoLine line) throws IOException, URISyntaxException {
        String chosen = System.getProperty(Constants.goExec(line.key()), "").trim();
        if (chosen.isEmpty()) {
            chosen = System.getProperty(Constants.GO_EXEC, "").trim();
        }
        if (chosen.isEmpty()) {
            // Our launcher, with this JVM's classpath: under Surefire it holds target/classes and
            // every dependency, so no target/launcher.classpath is needed.
            String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            // Each test binary gets a fresh JVM for its seconds to minutes; C2 compiling the module's huge
            // generated methods costs more than it wins back there: C1 only took 40-50% less CPU for the
            // strings, regexp and sync (Go 1.19) tests (docs/benchmarks.md). An explicit setting wins.
            String opts = System.getProperty("wasm.tck.go.java-opts",
                    "-XX:+UseSerialGC -Xss16m -XX:-UsePerfData -XX:TieredStopAtLevel=1");
            return new Runner(ownLauncher(), Map.of("WASM_TCK_CLASSPATH", cp, "WASM_TCK_JAVA_OPTS", opts));
        }
        Path exec = chosen.equals("node") ? line.nodeRunner() : Path.of(chosen);
        if (!Files.isExecutable(exec)) {
            throw new IOException("the -exec program " + exec + " is not an executable file");
        }
        // A node runner (the stand-in that validates this test without the Java host): Go 1.19's
        // wasm_exec_node.js needs this preload on today's Node.js; see node-stand-in.cjs.
        String nodeOptions = "--require=" + resourcePath("/go-stdlib/node-stand-in.cjs");
        String fsPolicy = System.getProperty(Constants.GO_NODE_FS, "real").trim();
        if (!List.of("real", "enosys", "empty").contains(fsPolicy)) {
            throw new IllegalArgumentException(Constants.GO_NODE_FS + ": expected real, enosys or empty, found '" + fsPolicy + "'");
        }
        if (!fsPolicy.equals("real")) {
            nodeOptions += " --require=" + resourcePath("/go-stdlib/node-fs-policy.cjs");
        }
        String inherited = System.getenv("NODE_OPTIONS");
        if (inherited != null && !inherited.isBlank()) {
            nodeOptions = inherited + " " + nodeOptions;
        }
        return new Runner(exec, Map.of("NODE_OPTIONS", nodeOptions, "WASM_TCK_NODE_FS", fsPolicy));
    }

    private static Path resourcePath(String name) throws URISyntaxException {
        URL url = GoStdlibTest.class.getResource(name);
        if (url == null) {
            throw new IllegalStateException(name + " is not on the test classpath");
        }
        return Path.of(url.toURI());
    }

    /** bin/go_js_wasm_exec of this checkout, found from the working directory upwards. */
    private static Path ownLauncher() throws IOException {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(OWN_LAUNCHER);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IOException(OWN_LAUNCHER + " not found above " + Path.of("").toAbsolutePath());
    }

    record Result(List<String> command, Map<String, String> env, Path log, int exit, boolean timedOut,
                  Duration took, List<String> lines) {

        void requireOk(String pkg) {
            Pattern ok = Pattern.compile("^ok\\s+" + Pattern.quote(pkg) + "(\\s.*)?$");
            boolean sawOk = lines.stream().anyMatch(l -> ok.matcher(l).matches());
            if (!timedOut && exit == 0 && sawOk) {
                return;
            }
            String why = timedOut ? "timed out after " + took.toSeconds() + " s and was killed"
                    : exit != 0 ? "exited " + exit : "printed no 'ok " + pkg + "' line";
            List<String> tail = lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
            fail("go test " + why + "\n"
                    + "command: " + env.entrySet().stream().map(e -> e.getKey() + "=" + quote(e.getValue()))
                            .collect(Collectors.joining(" "))
                    + " " + command.stream().map(GoStdlibTest::quote).collect(Collectors.joining(" ")) + "\n"
                    + "full output: " + log + "\n"
                    + "last " + tail.size() + " lines:\n" + String.join("\n", tail));
        }
    }

    private static Result exec(List<String> command, Map<String, String> extraEnv, Path log, Duration killAfter)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(log.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        // The line's own GOROOT, no flags or toolchain switches from the caller's environment.
        env.remove("GOROOT");
        env.remove("GOFLAGS");
        Map<String, String> shown = new java.util.LinkedHashMap<>();
        shown.put("GOOS", "js");
        shown.put("GOARCH", "wasm");
        shown.put("GOTOOLCHAIN", "local");
        shown.putAll(extraEnv);
        env.putAll(shown);
        shown.replaceAll((k, v) -> k.equals("WASM_TCK_CLASSPATH") ? "<test classpath>" : v);

        long start = System.nanoTime();
        Process p = pb.start();
        p.getOutputStream().close();
        boolean timedOut = !p.waitFor(killAfter.toMillis(), TimeUnit.MILLISECONDS);
        if (timedOut) {
            killTree(p);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return new Result(command, shown, log, timedOut ? -1 : p.exitValue(), timedOut, took, lines);
    }

    /** go test starts the exec program, which starts java or node: end them all, children first. */
    private static void killTree(Process p) throws InterruptedException {
        List<ProcessHandle> descendants = p.descendants().toList();
        for (int i = descendants.size() - 1; i >= 0; i--) {
            descendants.get(i).destroyForcibly();
        }
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
    }

    private static GoSkips loadSkips() throws IOException {
        String file = System.getProperty(Constants.GO_SKIPS, "").trim();
        if (!file.isEmpty()) {
            return GoSkips.parse(Files.readString(Path.of(file)), file);
        }
        try (var in = GoStdlibTest.class.getResourceAsStream("/go-stdlib/skips.yaml")) {
            if (in == null) {
                throw new IOException("go-stdlib/skips.yaml is not on the test classpath");
            }
            return GoSkips.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "go-stdlib/skips.yaml");
        }
    }

    private static Duration durationProperty(String name, String defaultValue) {
        String v = System.getProperty(name, defaultValue).trim();
        return Units.duration(v).orElseThrow(
                () -> new IllegalArgumentException(name + ": expected a duration like 90s or 10m, found '" + v + "'"));
    }

    private static List<String> listProperty(String name, List<String> defaults) {
        String v = System.getProperty(name, "").trim();
        if (v.isEmpty()) {
            return defaults;
        }
        return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static String quote(String s) {
        return s.matches("[\\w./:=,+@%-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}
