package dev.wasmtck.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the command as a user would, in its own JVM (this test classpath, the same classes the jar
 * holds): its own environment (no Docker, Bazel's variables), its own exit code, stdout and stderr.
 */
final class WasmTckProcess {
    record Result(int exit, String out, String err) {
        /** The matrix and failure lines, without the report paths (which differ between runs). */
        String matrix() {
            int start = out.indexOf("wasm-tck results:");
            int end = out.indexOf("reports: ");
            return start < 0 ? "" : out.substring(start, end < 0 ? out.length() : end);
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private WasmTckProcess() {}

    static Result run(Path workDir, Map<String, String> env, String... args) throws IOException, InterruptedException {
        return run(workDir, env, List.of(), args);
    }

    /**
     * As on a machine without Docker: DOCKER_HOST names a socket that does not exist, and a home folder
     * of its own hides the machine's ~/.testcontainers.properties. (Testcontainers would still fall back
     * to a local /var/run/docker.sock, so the tests also assert that nothing logs a Docker probe.)
     */
    static Result runWithoutDocker(Path workDir, String... args) throws IOException, InterruptedException {
        Path home = Files.createDirectories(workDir.resolve("home"));
        return run(workDir, Map.of("DOCKER_HOST", "unix:///nonexistent/docker.sock",
                        "TESTCONTAINERS_DOCKER_CLIENT_STRATEGY",
                        "org.testcontainers.dockerclient.EnvironmentAndSystemPropertyClientProviderStrategy",
                        "TESTCONTAINERS_RYUK_DISABLED", "true"),
                List.of("-Duser.home=" + home), args);
    }

    static Result run(Path workDir, Map<String, String> env, List<String> jvmArgs, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmArgs);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), WasmTck.class.getName()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("wasm-tck-out", ".txt");
        Path err = Files.createTempFile("wasm-tck-err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("TEST_") || k.equals("DOCKER_HOST"));
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("wasm-tck " + String.join(" ", args) + " did not end within 5 minutes");
        }
        try {
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** A test guest from src/test/resources/wat, copied to {@code dir}. */
    static Path guest(String name, Path dir) throws IOException {
        try (var in = WasmTckProcess.class.getResourceAsStream("/wat/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test guest wat/" + name);
            }
            Path target = dir.resolve(name);
            Files.copy(in, target);
            return target;
        }
    }
}
