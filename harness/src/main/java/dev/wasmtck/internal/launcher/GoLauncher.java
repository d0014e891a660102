package dev.wasmtck.internal.launcher;

import dev.wasmtck.internal.host.reference.ReferenceHost;
import dev.wasmtck.runtime.WasmRuntime;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.wasmtck.internal.host.wasmexec.GoCommand;

/**
 * The command line of Go's {@code go_js_wasm_exec} on the kit's wasm_exec host:
 * {@code GoLauncher prog.wasm [args...]} runs the program ({@link GoCommand}) and exits with its exit
 * code. Through {@code bin/go_js_wasm_exec}, {@code GOOS=js GOARCH=wasm go test -exec ...} runs Go test
 * binaries on this host.
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
        WasmRuntime runtime;
        try {
            runtime = runtime(env);
        } catch (IllegalArgumentException e) {
            err.println("go_js_wasm_exec: WASM_TCK_HOST: " + e.getMessage());
            return 1;
        }
        return GoCommand.run(runtime, wasm, args, env, out, err);
    }
}
