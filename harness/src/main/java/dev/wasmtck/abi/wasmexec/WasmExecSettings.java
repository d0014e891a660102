package dev.wasmtck.abi.wasmexec;

import org.jspecify.annotations.Nullable;
import org.apiguardian.api.API;
import dev.wasmtck.internal.yaml.SourceRef;
import java.util.List;
import java.util.Map;

/**
 * A wasm-exec case's {@code host:} section, parsed.
 *
 * @param args command-line arguments after the program name
 * @param env the environment, the only one the guest sees
 * @param globals JS globals to set before {@code main}, as MessagePack values
 * @param js a script to run in the guest's JS world before {@code main}, or null
 * @param jsWhere where that script starts, so JS errors point into the case file
 * @param functions Java-registered host functions (a host's registered JS host functions) to install
 * @param randomSeed seed for {@code crypto.getRandomValues} and Go's random data; null = unpredictable
 * @param afterExit whether calls after exit are refused (Go's wasm_exec.js) or served (compatibility mode)
 * @param program {@code argv[0]}
 * @param files the folders the guest may see ({@link FileGrant#NONE}: no file system)
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record WasmExecSettings(
        List<String> args,
        Map<String, String> env,
        Map<String, byte[]> globals,
        @Nullable String js,
        @Nullable SourceRef jsWhere,
        List<String> functions,
        @Nullable Long randomSeed,
        AfterExit afterExit,
        String program,
        FileGrant files) {

    public static final WasmExecSettings DEFAULT =
            new WasmExecSettings(List.of(), Map.of(), Map.of(), null, null, List.of(), null, AfterExit.REFUSE, "js");

    /** Settings without file access. */
    public WasmExecSettings(List<String> args, Map<String, String> env, Map<String, byte[]> globals, String js,
            SourceRef jsWhere, List<String> functions, Long randomSeed, AfterExit afterExit, String program) {
        this(args, env, globals, js, jsWhere, functions, randomSeed, afterExit, program, FileGrant.NONE);
    }

    public WasmExecSettings {
        args = List.copyOf(args);
        env = Map.copyOf(env);
        globals = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(globals));
        functions = List.copyOf(functions);
        java.util.Objects.requireNonNull(files, "files");
    }

    /** Whether calls after exit are served (the compatibility mode); how the host protocol carries {@link #afterExit()}. */
    public boolean servesAfterExit() {
        return afterExit == AfterExit.SERVE;
    }

    /** The same settings with calls after exit served or refused. */
    public WasmExecSettings servingAfterExit(boolean serve) {
        return new WasmExecSettings(args, env, globals, js, jsWhere, functions, randomSeed,
                serve ? AfterExit.SERVE : AfterExit.REFUSE, program, files);
    }

    /** Settings for running a program from the command line (the Go test launcher). */
    public static WasmExecSettings commandLine(String program, List<String> args, Map<String, String> env) {
        return new WasmExecSettings(args, env, Map.of(), null, null, List.of(), null, AfterExit.REFUSE, program);
    }
}
