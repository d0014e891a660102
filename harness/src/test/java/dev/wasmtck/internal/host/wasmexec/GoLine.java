package dev.wasmtck.internal.host.wasmexec;

import dev.wasmtck.Constants;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Go line the wasm_exec host is tested against: {@code current} (the machine's Go) or
 * {@code legacy} (Go 1.19, whose js/wasm binaries import the module "go" instead of "gojs").
 * A line may be missing; then {@link #missing()} says why.
 */
record GoLine(String key, Path go, String version, String missing) {

    private static final Pattern VERSION = Pattern.compile("go1\\.(\\d+)(?:\\D.*)?");

    /** Where each line is looked for when its property ({@code wasm.tck.go.<key>}) is not set. */
    static GoLine find(String key) {
        String property = Constants.goLine(key);
        String given = System.getProperty(property, "").trim();
        Optional<Path> go;
        String where;
        if (!given.isEmpty()) {
            go = Optional.of(Path.of(given)).filter(Files::isExecutable);
            where = property + "=" + given;
        } else if (key.equals("current")) {
            go = Optional.of(Path.of("/usr/local/go/bin/go")).filter(Files::isExecutable).or(() -> onPath("go"));
            where = "/usr/local/go/bin/go or go on PATH (or -D" + property + "=<go binary>)";
        } else if (key.equals("legacy")) {
            go = Optional.of(Path.of("/usr/lib/go-1.19/bin/go")).filter(Files::isExecutable);
            where = "/usr/lib/go-1.19/bin/go, Debian's golang-1.19 (or -D" + property + "=<go binary>);"
                    + " ci/lib/go.sh's ensure_go_lines installs it";
        } else {
            throw new IllegalArgumentException("unknown Go line '" + key + "' (expected current or legacy)");
        }
        if (go.isEmpty()) {
            return new GoLine(key, null, nominal(key), "Go line '" + key + "' is not installed: looked for " + where);
        }
        try {
            String version = goEnv(go.get(), "GOVERSION");
            return new GoLine(key, go.get(), version, null);
        } catch (IOException e) {
            return new GoLine(key, go.get(), nominal(key), "Go line '" + key + "' at " + go.get()
                    + " does not work: " + e.getMessage());
        }
    }

    private static String nominal(String key) {
        return key.equals("legacy") ? "go1.19" : "go (" + key + ")";
    }

    boolean installed() {
        return missing == null;
    }

    /** The minor version: 19 for go1.19.8. A development build counts as newer than any release. */
    int minor() {
        Matcher m = VERSION.matcher(version);
        return m.matches() ? Integer.parseInt(m.group(1)) : Integer.MAX_VALUE;
    }

    /** {@code go test -skip} exists from Go 1.20 on. */
    boolean hasSkipFlag() {
        return minor() >= 20;
    }

    /** Go's own node-based runner of this line: lib/wasm since Go 1.24, misc/wasm before. */
    Path nodeRunner() throws IOException {
        Path root = Path.of(goEnv(go, "GOROOT"));
        for (String dir : List.of("lib/wasm", "misc/wasm")) {
            Path runner = root.resolve(dir).resolve("go_js_wasm_exec");
            if (Files.isExecutable(runner)) {
                return runner;
            }
        }
        throw new IOException("no go_js_wasm_exec under " + root + "/lib/wasm or " + root + "/misc/wasm");
    }

    static String goEnv(Path go, String name) throws IOException {
        Process p = new ProcessBuilder(go.toString(), "env", name).redirectErrorStream(true).start();
        p.getOutputStream().close();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("'go env " + name + "' did not finish within 60 s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.exitValue() != 0 || out.isEmpty()) {
            throw new IOException("'go env " + name + "' exited " + p.exitValue() + ": " + out);
        }
        return out;
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
