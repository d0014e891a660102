package dev.wasmtck.host.wasmexec;

import dev.wasmtck.abi.wasmexec.WasmExecSettings;
import dev.wasmtck.host.GuestFault;
import dev.wasmtck.host.Limits;
import dev.wasmtck.host.reference.ReferenceHost;
import dev.wasmtck.runtime.CompiledModule;
import dev.wasmtck.runtime.GuestThread;
import dev.wasmtck.runtime.WasmRuntime;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Runs a Go js/wasm binary from the command line, with the contract of Go's {@code go_js_wasm_exec}:
 * {@code GoLauncher prog.wasm [args...]}. The program gets the process's arguments and environment;
 * its stdout and stderr are the process's; the process exits with its exit code. With it (through
 * {@code bin/go_js_wasm_exec}), {@code GOOS=js GOARCH=wasm go test -exec ...} runs Go test binaries on
 * this host.
 *
 * <p>Like node on a developer's machine, the program may read its working directory (for {@code go
 * test}, the package directory with its {@code testdata}) and write a temporary directory ({@code
 * TMPDIR}); unlike node, nothing else of the file system exists for it ({@link GuestFiles}). No time
 * limit ({@code go test -timeout} bounds it) and no memory limit beyond the runtime's own.
 */
public final class GoLauncher {
    private GoLauncher() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: go_js_wasm_exec <program.wasm> [arguments...]");
            System.exit(1);
        }
        System.exit(run(Path.of(args[0]), Arrays.asList(args).subList(1, args.length), System.getenv(), System.out,
                System.err));
    }

    /**
     * Chicory, or the runtime of the reference host {@code WASM_TCK_HOST} names ({@code endive}, or
     * {@code graalwasm} on a JDK 21+ with its module on the class path); system properties configure it
     * as configuration parameters configure the engine's hosts ({@code wasm.conformance.runtime},
     * {@code wasm.conformance.graalwasm.memory}).
     */
    private static WasmRuntime runtime(Map<String, String> env) {
        return ReferenceHost.runtimeOf(env.getOrDefault("WASM_TCK_HOST", "chicory"),
                key -> Optional.ofNullable(System.getProperty(key)));
    }

    /** Runs the program and returns its exit code (1 when it could not run at all, as node's runner). */
    static int run(Path wasm, List<String> args, Map<String, String> env, PrintStream out,
            PrintStream err) throws Exception {
        byte[] bytes = Files.readAllBytes(wasm);
        WasmRuntime runtime;
        try {
            runtime = runtime(env);
        } catch (IllegalArgumentException e) {
            err.println("go_js_wasm_exec: WASM_TCK_HOST: " + e.getMessage());
            return 1;
        }
        CompiledModule module;
        try {
            module = runtime.compile(wasm.getFileName().toString(), bytes);
            WasmExecHost.link(module);
        } catch (GuestFault f) {
            err.println(f.getMessage());
            return 1;
        }
        Map<String, String> environment = new TreeMap<>(env);
        // The launcher's own settings (a classpath, JVM options) are not the program's business, and
        // Go's js/wasm port caps argv plus environment at 8 KiB.
        environment.keySet().removeIf(k -> k.startsWith("WASM_TCK_"));
        // As node on a developer's machine: the working directory (go test's package directory) to read,
        // a temporary directory to write (a private one below $TMPDIR, removed afterwards), and no more.
        String tmpBase = environment.getOrDefault("TMPDIR", System.getProperty("java.io.tmpdir"));
        Path temp = Files.createTempDirectory(Path.of(tmpBase.isEmpty() ? "/tmp" : tmpBase), "go-wasm-");
        GuestFiles files = GuestFiles.forLauncher(Path.of("").toAbsolutePath(), temp);
        environment.put("TMPDIR", temp.toRealPath().toString());
        WasmExecSettings settings = WasmExecSettings.commandLine(wasm.toString(), args, environment);
        JsWorld.Output output = (fd, b, off, len) -> (fd == 2 ? err : out).write(b, off, len);
        Limits limits = new Limits(Duration.ofDays(1), 4L << 30);
        GoProgram program = new GoProgram(module, settings, limits, output).withFiles(files);
        try {
            GoProgram.Result result = GuestThread.call(module.name(), () -> program.run("", List.of(), List.of()));
            out.flush();
            return result.exitCode() == null ? 0 : result.exitCode();
        } catch (GuestFault f) {
            out.flush();
            err.println(f.getMessage());
            if (System.getenv("WASM_TCK_DEBUG") != null && f.getCause() != null) {
                f.getCause().printStackTrace(err);
            }
            return 1;
        }
    }
}
