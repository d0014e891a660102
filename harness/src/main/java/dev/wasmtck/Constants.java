package dev.wasmtck;

import org.apiguardian.api.API;

/**
 * Every configuration key of the kit, in one place: the {@code wasm.conformance.*} JUnit
 * configuration parameters (system properties, {@code junit-platform.properties} or
 * {@code @ConfigurationParameter} on a suite class) and the {@code wasm.tck.*} system properties.
 * docs/configuration.md lists the same keys with their defaults; a test keeps the two in step.
 * It lives in the root package so that every part of the kit (engine, hosts, runtimes, guest
 * builds) can read its keys from here without depending on the engine.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class Constants {
    private Constants() {}

    private static final String PREFIX = "wasm.conformance.";
    private static final String GO_PREFIX = "wasm.tck.go.";

    // Which cases run

    /** Classpath folder a classpath-root selector scans for case files; default {@code conformance}. */
    public static final String CASES_ROOT = PREFIX + "cases.root";

    /** Comma list of files, cases ({@code file#case}) or targets ({@code file#case[guest on host]}) to run; default all. */
    public static final String SELECT = PREFIX + "select";

    /** Test {@code i/n} of a sharded run (1-based); default Bazel's shard variables, else everything. */
    public static final String SHARD = PREFIX + "shard";

    // Hosts

    /** Comma list of host ids to run; blank or unset means every host on the classpath. */
    public static final String HOSTS = PREFIX + "hosts";

    /** Comma list of declaration files of hosts in other processes (adapters). */
    public static final String EXTERNAL_HOSTS = PREFIX + "external-hosts";

    /** {@code interpreter} runs the reference hosts' runtime without its bytecode compiler; default {@code compiler}. */
    public static final String RUNTIME = PREFIX + "runtime";

    /** {@code off-heap} gives the graalwasm host memories that may grow to 4 GiB (GraalWasm's experimental unsafe memory); default on-heap. */
    public static final String GRAALWASM_MEMORY = PREFIX + "graalwasm.memory";

    // Guests

    /** Root of the guest source folders; default the nearest {@code guests/} at or above the working directory. */
    public static final String GUESTS_DIR = PREFIX + "guests.dir";

    /** Folder of built guests, keyed by a hash of sources, command and image; default {@code ~/.cache/wasm-tck/guests}. */
    public static final String CACHE_DIR = PREFIX + "cache.dir";

    /** The toolchain image for one toolchain; {@code <name>} is e.g. {@code go}; see {@link #toolchainImage}. */
    public static final String TOOLCHAIN_IMAGE = PREFIX + "toolchain.<name>.image";

    /** {@code true} fails instead of aborting a case whose guest needs Docker when none answers; default {@code false}. */
    public static final String DOCKER_REQUIRED = PREFIX + "docker.required";

    /** Largest prebuilt or configured guest module read, a size like {@code 128MiB} (the default). */
    public static final String MODULE_MAX_SIZE = PREFIX + "module.max-size";

    // Case defaults and limits

    /** Largest case file read, a size like {@code 1MiB} (the default). */
    public static final String CASE_FILE_MAX_SIZE = PREFIX + "case-file.max-size";

    /** Time limit of a case that sets none, a duration like {@code 10s} (the default). */
    public static final String TIMEOUT_DEFAULT = PREFIX + "timeout.default";

    /** Memory limit of a case that sets none, a size like {@code 256MiB} (the default). */
    public static final String MEMORY_DEFAULT = PREFIX + "memory.default";

    // Execution

    /** {@code true} runs cases concurrently; default {@code false}. */
    public static final String PARALLEL_ENABLED = PREFIX + "execution.parallel.enabled";

    /** Prefix of JUnit's parallel-execution settings for this engine ({@code strategy}, {@code fixed.parallelism}, ...). */
    public static final String PARALLEL_CONFIG_PREFIX = PREFIX + "execution.parallel.config.";

    // Known failures

    /** Comma list of known-failure lists: paths, or classpath resources ({@code classpath:NAME}). */
    public static final String KNOWN_FAILURES = PREFIX + "known-failures";

    /** {@code false} stops loading {@code known-failures/<host>.yaml} from the classpath for each host; default {@code true}. */
    public static final String KNOWN_FAILURES_AUTO = PREFIX + "known-failures.auto";

    // Reports

    /** {@code true} prints the matrix and rerun commands and writes the JSON and HTML reports; default {@code false}. */
    public static final String SUMMARY = PREFIX + "summary";

    /** Folder the reports go to; default {@code target}. */
    public static final String REPORT_DIR = PREFIX + "report.dir";

    /** How printed rerun commands start; {@code {select}} in it takes the selection. */
    public static final String RERUN_COMMAND = PREFIX + "rerun.command";

    // Guest conformance

    /** A guest's {@code .wasm} file or source folder: the run becomes that guest's conformance run. */
    public static final String GUEST = PREFIX + "guest";

    /** The ABI the guest under test implements; required with {@link #GUEST}. */
    public static final String GUEST_ABI = GUEST + ".abi";

    /** The toolchain that builds the guest under test; default its recipe's. */
    public static final String GUEST_TOOLCHAIN = GUEST + ".toolchain";

    /** A folder of the guest author's own case files, run on the guest under test besides the ABI's profile. */
    public static final String GUEST_CASES = GUEST + ".cases";

    // System properties of the runtime bindings

    /** Folder of the compiled-class cache of the runtimes that compile to bytecode; default one per runtime under {@code ~/.cache/wasm-tck}. */
    public static final String COMPILE_CACHE = "wasm.tck.compile.cache";

    // System properties of the kit's own Go standard-library test (GoStdlibTest), which CI sets

    /** The current Go line's go binary; default {@code /usr/local/go/bin/go}, else {@code go} on the PATH. */
    public static final String GO_CURRENT = GO_PREFIX + "current";

    /** Go 1.19's go binary; default {@code /usr/lib/go-1.19/bin/go}. */
    public static final String GO_LEGACY = GO_PREFIX + "legacy";

    /** {@code true} fails instead of aborting the tests of a Go line that is not installed. */
    public static final String GO_REQUIRED = GO_PREFIX + "required";

    /** The {@code go test -exec} program of every line; default {@code bin/go_js_wasm_exec}. */
    public static final String GO_EXEC = GO_PREFIX + "exec";

    /** The {@code go test -exec} program of the current line; default {@link #GO_EXEC}. */
    public static final String GO_EXEC_CURRENT = GO_EXEC + ".current";

    /** The {@code go test -exec} program of the legacy line; default {@link #GO_EXEC}. */
    public static final String GO_EXEC_LEGACY = GO_EXEC + ".legacy";

    /** Node runners only: {@code enosys} or {@code empty} takes the file system away from the guest; default {@code real}. */
    public static final String GO_NODE_FS = GO_PREFIX + "node.fs";

    /** The Go lines to run; default {@code current,legacy}. */
    public static final String GO_LINES = GO_PREFIX + "lines";

    /** Comma list of standard packages to test, or {@code common} or {@code extended}. */
    public static final String GO_PACKAGES = GO_PREFIX + "packages";

    /** How many packages are tested at once; default {@code 2}. */
    public static final String GO_PARALLEL = GO_PREFIX + "parallel";

    /** {@code go test -timeout}; default {@code 10m}. */
    public static final String GO_TIMEOUT = GO_PREFIX + "timeout";

    /** How long after the timeout the process tree is killed (go builds first); default {@code 5m}. */
    public static final String GO_BUILD_ALLOWANCE = GO_PREFIX + "build-allowance";

    /** Another skip list file; default the bundled {@code go-stdlib/skips.yaml}. */
    public static final String GO_SKIPS = GO_PREFIX + "skips";

    /** {@link #TOOLCHAIN_IMAGE} for one toolchain, e.g. {@code wasm.conformance.toolchain.go.image}. */
    public static String toolchainImage(String toolchain) {
        return TOOLCHAIN_IMAGE.replace("<name>", toolchain);
    }

    /** {@link #GO_EXEC} for one Go line ({@code current} or {@code legacy}). */
    public static String goExec(String line) {
        return GO_EXEC + "." + line;
    }

    /** The go binary of one Go line ({@code current} or {@code legacy}). */
    public static String goLine(String line) {
        return GO_PREFIX + line;
    }
}
