package dev.wasmtck.internal.host.wasmexec;

import dev.wasmtck.abi.wasmexec.WasmExecSettings;
import dev.wasmtck.runtime.CompiledModule;
import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.runtime.GuestThread;
import dev.wasmtck.runtime.Limits;
import dev.wasmtck.runtime.WasmRuntime;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Go js/wasm program run as a command, as node's {@code go_js_wasm_exec} runs it: the process's
 * arguments, environment and output, its exit code. Like node on a developer's machine, the program
 * may read its working directory (for {@code go test}, the package directory with its
 * {@code testdata}) and write a temporary directory ({@code TMPDIR}); unlike node, nothing else of the
 * file system exists for it ({@link GuestFiles}). No time limit ({@code go test -timeout} bounds it)
 * and no memory limit beyond the runtime's own. The command-line entry is
 * {@code dev.wasmtck.internal.launcher.GoLauncher}.
 */
public final class GoCommand {
    private GoCommand() {}

    /** Runs the program and returns its exit code (1 when it could not run at all, as node's runner). */
    public static int run(WasmRuntime runtime, Path wasm, List<String> args, Map<String, String> env, PrintStream out,
            PrintStream err) throws Exception {
        byte[] bytes = Files.readAllBytes(wasm);
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
