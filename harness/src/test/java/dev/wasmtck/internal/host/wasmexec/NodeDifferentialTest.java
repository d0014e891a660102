package dev.wasmtck.internal.host.wasmexec;

import dev.wasmtck.abi.wasmexec.AfterExit;
import dev.wasmtck.abi.wasmexec.WasmExecSettings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wasmtck.internal.guest.GuestBuilder;
import dev.wasmtck.internal.guest.Toolchain;
import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.host.GuestModule;
import dev.wasmtck.host.Invocation;
import dev.wasmtck.runtime.Limits;
import dev.wasmtck.host.Outcome;
import dev.wasmtck.host.PreparedGuest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Differential check of the wasm-tck wasm_exec host against Go's own runner: every case runs the
 * same Go guest binary (built by the kit's {@link GuestBuilder} in the local toolchain images, once
 * per Go line) under node with the Go distribution's {@code wasm_exec_node.js} and under
 * {@link WasmExecHost}, and requires identical stdout, stderr and exit code.
 *
 * <p>Both sides get the same arguments ({@code argv[0]} is the .wasm path, as node's runner makes
 * it), the same environment (the case's variables plus {@code TMPDIR=/tmp}, which node's runner
 * adds) and, where a case has one, the same JS text ({@code node-differential/prelude.js} plus the
 * case's {@code drive([...])} line): node preloads it with {@code -r}, the host runs it as
 * {@link WasmExecSettings#js()}. Normalisation, all of it:
 * <ul>
 *   <li>goroutines on Go 1.19: stdout compared as a set of lines. Go 1.19's runtime under node
 *       wakes sleepers late and in varying order (docs/guests.md); Go 1.21+ is compared exactly;
 *   <li>cases that call guest functions give node a second preload, {@code node-sync-write.js},
 *       making {@code fs.write} call back synchronously as the host's (and wasm_exec.js's browser
 *       polyfill) does; with node's asynchronous {@code fs.write} a handler that prints deadlocks.
 * </ul>
 * Goroutine traces (panics, the deadlock report) are compared byte for byte: the binary is the
 * same, so are the program counters.
 *
 * <p>Function calls are also made the kit's way, through {@link Invocation#function()}, and the
 * returned MessagePack value, rendered as the JS driver renders it, must equal node's.
 *
 * <p>Skipped (assumptions) without {@code node} on PATH, without Docker or the local toolchain
 * images (and no cached build), or without the Go line whose runner node needs.
 */
class NodeDifferentialTest {
    static final Path GUESTS = Path.of("..", "guests");   // surefire runs in the harness module
    static final Path CACHE = Path.of("target", "node-differential", "guests");
    static final Map<String, String> LOCAL = Map.of(
            Toolchain.GO.name(), Toolchain.GO.localImage(),
            Toolchain.GO_1_19.name(), Toolchain.GO_1_19.localImage());
    static final String NO_NODE = "node not found: differential check against Go's wasm_exec.js skipped";
    static final Duration NODE_TIMEOUT = Duration.ofSeconds(30);
    static final Limits LIMITS = new Limits(Duration.ofSeconds(30), 1L << 30);

    /** A Go line: toolchain name, the GoLine key whose GOROOT holds the node runner, node flags. */
    record Line(String toolchain, String goLine, List<String> nodeFlags) {
        @Override
        public String toString() {
            return toolchain;
        }
    }

    static final List<Line> LINES = List.of(
            new Line(Toolchain.GO.name(), "current", List.of()),
            // Go 1.19's runner assigns globalThis.crypto, a getter-only property since node 19.
            new Line(Toolchain.GO_1_19.name(), "legacy", List.of("--no-experimental-global-webcrypto")));

    /** A call of a guest function: a JS expression (also the label), and the same call as an Invocation. */
    record Call(String js, String function, List<Object> args) {}

    /**
     * One comparison.
     *
     * @param prelude whether both sides get prelude.js (host functions and the call driver)
     * @param linesAsSet Go lines whose stdout is compared as a set of lines
     * @param divergence a known, reported difference of the host from node; null = must agree
     */
    record Case(String name, String guest, List<String> args, Map<String, String> env, boolean prelude,
            List<Call> calls, List<String> linesAsSet, String divergence) {
        static Case main(String name, String guest, String... args) {
            return new Case(name, guest, List.of(args), Map.of(), false, List.of(), List.of(), null);
        }

        Case env(Map<String, String> env) {
            return new Case(name, guest, args, env, prelude, calls, linesAsSet, divergence);
        }

        Case withPrelude() {
            return new Case(name, guest, args, env, true, calls, linesAsSet, divergence);
        }

        Case calling(Call... calls) {
            return new Case(name, guest, args, env, true, List.of(calls), linesAsSet, divergence);
        }

        Case linesAsSetOn(String toolchain) {
            return new Case(name, guest, args, env, prelude, calls, List.of(toolchain), divergence);
        }

        /**
         * Marks a known difference: while the outputs differ the comparison aborts (shows as skipped,
         * with this reason and both outputs); once they agree it fails, so the marker gets removed.
         */
        Case diverges(String why) {
            return new Case(name, guest, args, env, prelude, calls, linesAsSet, why);
        }

        /** The JS both sides get, or null. */
        String js(String prelude) {
            if (!this.prelude) {
                return null;
            }
            if (calls.isEmpty()) {
                return prelude;
            }
            String driven = calls.stream()
                    .map(c -> "  [" + jsonQuote(c.js()) + ", function () { return " + c.js() + "; }]")
                    .collect(Collectors.joining(",\n", "drive([\n", "\n]);\n"));
            return prelude + "\n" + driven;
        }
    }

    static final String THIS_UNQUALIFIED = "an unqualified call f() of a Go function gives the handler this ="
            + " the global object under Rhino (js.Value ref 5, 0x7ff8000100000005 in the trace), undefined under"
            + " node (ref 0)";

    static final String DOC = "{\"tags\": [\"x\",\"y\"], \"name\": \"n\", \"extra\": {\"z\": 1, \"y\": 2}}";
    static final byte[] MAP_A1 = {(byte) 0x81, (byte) 0xa1, 0x61, 0x01};

    static final List<Case> CASES = List.of(
            Case.main("hello", "hello"),
            Case.main("args-env args and env", "args-env", "a", "b c", "env:FOO", "env:NOPE").env(Map.of("FOO", "bar")),
            Case.main("args-env exit=0", "args-env", "x", "exit=0"),
            Case.main("args-env exit=1", "args-env", "x", "exit=1"),
            Case.main("args-env exit=3", "args-env", "x", "exit=3"),
            Case.main("args-env exit=125", "args-env", "x", "exit=125"),
            Case.main("panic", "panic"),
            Case.main("goroutines", "goroutines").linesAsSetOn(Toolchain.GO_1_19.name()),
            Case.main("json document (then the deadlock report)", "json", DOC),
            Case.main("json invalid", "json", "{oops"),
            Case.main("misbehave closed-fd", "misbehave", "closed-fd"),
            Case.main("misbehave bad-fd", "misbehave", "bad-fd"),
            Case.main("misbehave deadlock", "misbehave", "deadlock"),
            Case.main("misbehave usage", "misbehave", "bogus"),
            Case.main("host-js with the prelude", "host-js").withPrelude(),
            Case.main("host-js without host functions", "host-js"),
            Case.main("json calls", "json").calling(
                    new Call("jsonRoundTrip('{\"b\": [1, 2.5, null], \"a\": true}')", "jsonRoundTrip",
                            List.of("{\"b\": [1, 2.5, null], \"a\": true}")),
                    new Call("jsonRoundTrip('{oops')", "jsonRoundTrip", List.of("{oops"))),
            Case.main("my-event calls", "my-event").calling(
                    new Call("myEvent(bytesOf('Hello from JS'))", "myEvent",
                            List.of("Hello from JS".getBytes(StandardCharsets.UTF_8))),
                    new Call("echoBytes(new Uint8Array([1, 2, 255]))", "echoBytes",
                            List.of((Object) new byte[] {1, 2, (byte) 255})),
                    new Call("myEvent('not bytes')", "myEvent", List.of("not bytes"))),
            Case.main("msgpack calls", "msgpack").calling(
                    new Call("transform(new Uint8Array([0x81, 0xa1, 0x61, 0x01]))", "transform", List.of((Object) MAP_A1)),
                    new Call("describe(new Uint8Array([0x81, 0xa1, 0x61, 0x01]))", "describe", List.of((Object) MAP_A1)),
                    new Call("transform(new Uint8Array([0x01]))", "transform", List.of((Object) new byte[] {1})),
                    new Call("describe(new Uint8Array([0xc1]))", "describe", List.of((Object) new byte[] {(byte) 0xc1}))),
            // Go exits inside a call: node's runner ends the process (go.exit = process.exit); the call
            // made as a method has `this` = globalThis on both sides, so the goroutine traces agree.
            Case.main("panic in a handler", "panic", "wait").calling(
                    new Call("globalThis.panicLater()", "panicLater", List.of())),
            // The same call unqualified: `this` is undefined under node (wasm_exec.js's function wrapper
            // is strict code), the global object under Rhino; the trace shows the handler's `this`.
            Case.main("panic in a handler, unqualified call", "panic", "wait").calling(
                    new Call("panicLater()", "panicLater", List.of()))
                    .diverges(THIS_UNQUALIFIED));


    /** What one side did. */
    record Run(String stdout, String stderr, Integer exit) {
        String render(boolean linesAsSet) {
            String out = linesAsSet
                    ? stdout.lines().sorted().collect(Collectors.joining("\n", "", stdout.isEmpty() ? "" : "\n"))
                    : stdout;
            return "exit: " + exit + "\n--- stdout\n" + out + "--- stderr\n" + stderr;
        }
    }

    private static final Map<String, Path> WASM = new ConcurrentHashMap<>();
    private static final Map<String, PreparedGuest> PREPARED = new ConcurrentHashMap<>();
    private static final Map<String, Run> NODE_RUNS = new ConcurrentHashMap<>();

    @TestFactory
    Stream<DynamicNode> nodeAndTheHostAgree() {
        List<DynamicNode> lines = new ArrayList<>();
        for (Line line : LINES) {
            List<DynamicNode> tests = new ArrayList<>();
            for (Case c : CASES) {
                tests.add(DynamicTest.dynamicTest(c.name(), () -> compare(line, c)));
                if (!c.calls().isEmpty()) {
                    tests.add(DynamicTest.dynamicTest(c.name() + " through Invocation", () -> invoke(line, c)));
                }
            }
            lines.add(DynamicContainer.dynamicContainer(line.toString(), tests));
        }
        return lines.stream();
    }

    private void compare(Line line, Case c) throws Exception {
        Run node = node(line, c);
        Run ours = ours(line, c);
        boolean asSet = c.linesAsSet().contains(line.toolchain());
        String expected = node.render(asSet);
        String actual = ours.render(asSet);
        if (c.divergence() != null) {
            if (expected.equals(actual)) {
                fail(c.name() + " on " + line + " now agrees with node: remove its known divergence (" + c.divergence()
                        + ")");
            }
            Assumptions.abort("known divergence from node, reported: " + c.divergence() + "\n=== node\n" + expected
                    + "=== wasm-tck host\n" + actual);
        }
        assertEquals(expected, actual,
                c.name() + " on " + line + ": node running Go's wasm_exec_node.js (expected) vs the wasm-tck host");
    }

    /** Each call made as the kit makes it: a fresh instance, main, then the function through Invocation. */
    private void invoke(Line line, Case c) throws Exception {
        Run node = node(line, c);
        PreparedGuest prepared = prepared(line, c.guest());
        for (Call call : c.calls()) {
            String prefix = "[driver] " + call.js() + " ";
            Optional<String> printed = node.stdout().lines().filter(l -> l.startsWith(prefix)).findFirst();
            // No result line: Go exited inside the call and node's runner ended the process with it. Then
            // the Invocation must report that exit and the same stderr (the single call's panic trace).
            String expected = printed.orElse(prefix + "exited " + node.exit() + "\n" + node.stderr());
            String actual;
            try {
                Outcome outcome = prepared.run(new Invocation(WasmExecAbi.NAME, call.function(),
                        JsValues.pack(call.args()), settings(line, c, null), LIMITS, List.of()));
                actual = outcome.exitCode() != null
                        ? prefix + "exited " + outcome.exitCode() + "\n" + outcome.stderr()
                        : prefix + "-> " + show(JsValues.unpack(outcome.output()));
            } catch (GuestFault f) {
                actual = prefix + "faulted: " + f.kind() + ": " + f.getMessage();
            }
            if (c.divergence() != null && !expected.equals(actual)) {
                Assumptions.abort("known divergence from node, reported: " + c.divergence() + "\n=== node\n"
                        + expected + "\n=== wasm-tck host\n" + actual);
            }
            assertEquals(expected, actual, call.js() + " through Invocation on " + line);
        }
    }

    // ---------------------------------------------------------------- node

    private static Run node(Line line, Case c) throws Exception {
        Optional<Path> node = onPath("node");
        assumeTrue(node.isPresent(), NO_NODE);
        String key = line + "/" + c.name();
        Run cached = NODE_RUNS.get(key);
        if (cached != null) {
            return cached;
        }
        Path runner = runner(line);
        Path wasm = wasm(line, c.guest());
        Path work = Files.createDirectories(Path.of("target", "node-differential", "node")).toAbsolutePath();
        Path out = Files.createTempFile(work, "stdout", ".txt");
        Path err = Files.createTempFile(work, "stderr", ".txt");
        List<String> command = new ArrayList<>();
        command.add(node.get().toString());
        command.addAll(line.nodeFlags());
        String js = c.js(prelude());
        if (js != null) {
            if (!c.calls().isEmpty()) {
                command.add("-r");
                command.add(resource("node-sync-write.js", work).toString());
            }
            Path preload = Files.createTempFile(work, "prelude", ".js");
            Files.writeString(preload, js);
            command.add("-r");
            command.add(preload.toString());
        }
        command.add(runner.toString());
        command.add(wasm.toString());
        command.addAll(c.args());
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().clear();
        pb.environment().putAll(environment(c));
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(NODE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("node did not finish " + c.name() + " within " + NODE_TIMEOUT.toSeconds() + " s: " + command);
        }
        Run run = new Run(Files.readString(out), Files.readString(err), p.exitValue());
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        NODE_RUNS.put(key, run);
        return run;
    }

    /** The case's environment plus TMPDIR, which node's runner adds (os.tmpdir(), /tmp when unset). */
    private static Map<String, String> environment(Case c) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("TMPDIR", "/tmp");
        env.putAll(c.env());
        return env;
    }

    private static Path runner(Line line) throws IOException {
        GoLine go = GoLine.find(line.goLine());
        assumeTrue(go.installed(), go.missing() + ": its wasm_exec_node.js is the reference runner");
        Path runner = go.nodeRunner().resolveSibling("wasm_exec_node.js");
        assumeTrue(Files.isRegularFile(runner), "no " + runner);
        return runner;
    }

    private static String prelude() throws IOException {
        try (InputStream in = NodeDifferentialTest.class.getResourceAsStream("/node-differential/prelude.js")) {
            return new String(Objects.requireNonNull(in, "prelude.js").readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Path resource(String name, Path dir) throws IOException {
        Path file = dir.resolve(name);
        try (InputStream in = NodeDifferentialTest.class.getResourceAsStream("/node-differential/" + name)) {
            Files.write(file, Objects.requireNonNull(in, name).readAllBytes());
        }
        return file;
    }

    // ---------------------------------------------------------------- the wasm-tck host

    private static Run ours(Line line, Case c) throws Exception {
        PreparedGuest prepared = prepared(line, c.guest());
        try {
            Outcome o = prepared.run(new Invocation(WasmExecAbi.NAME, "", JsValues.pack(List.of()),
                    settings(line, c, c.js(prelude())), LIMITS, List.of()));
            return new Run(o.stdout(), o.stderr(), o.exitCode());
        } catch (GuestFault f) {
            return new Run("", "GuestFault " + f.kind() + ": " + f.getMessage() + "\n", null);
        }
    }

    private static WasmExecSettings settings(Line line, Case c, String js) throws IOException {
        return new WasmExecSettings(c.args(), environment(c), Map.of(), js, null, List.of(), null,
                AfterExit.REFUSE, wasm(line, c.guest()).toString());
    }

    private static PreparedGuest prepared(Line line, String guest) throws Exception {
        String key = line + "/" + guest;
        PreparedGuest p = PREPARED.get(key);
        if (p == null) {
            synchronized (PREPARED) {
                p = PREPARED.get(key);
                if (p == null) {
                    p = new WasmExecHost(new dev.wasmtck.internal.runtime.chicory.ChicoryRuntime(true)).prepare(new GuestModule(guest, Files.readAllBytes(wasm(line, guest))));
                    PREPARED.put(key, p);
                }
            }
        }
        return p;
    }

    /** The guest built with the line's toolchain; aborts (GuestUnavailableException) without Docker or image. */
    private static Path wasm(Line line, String guest) {
        return WASM.computeIfAbsent(line + "/" + guest, k -> {
            GuestBuilder builder = new GuestBuilder(GUESTS, CACHE, LOCAL, false);
            String override = line.toolchain().equals(Toolchain.GO.name()) ? null : line.toolchain();
            return builder.build("go/" + guest, override).wasm().toAbsolutePath();
        });
    }

    // ---------------------------------------------------------------- rendering

    /** What prelude.js's show() prints for the JS value that {@code value} stands for. */
    static String show(Object value) {
        if (value instanceof byte[] bytes) {
            StringBuilder sb = new StringBuilder("Uint8Array[");
            for (int i = 0; i < bytes.length; i++) {
                sb.append(i == 0 ? "" : ",").append(bytes[i] & 0xff);
            }
            return sb.append(']').toString();
        }
        if (value instanceof String s) {
            return jsonQuote(s);
        }
        return String.valueOf(value);
    }

    /** JSON.stringify of a string. */
    static String jsonQuote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (ch < 0x20) {
                        sb.append(String.format("\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Arrays.stream(path.split(java.io.File.pathSeparator))
                .filter(d -> !d.isEmpty())
                .map(d -> Path.of(d, name))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
