package dev.wasmtck.internal.host.wasmexec;

import dev.wasmtck.module.FunctionType;
import java.util.Map;
import java.util.Set;

/**
 * The import surface of Go's js/wasm binaries: the module names and the functions a binary may
 * import from them. A binary imports only what it uses, so a host checks each import against this
 * list rather than requiring all of them.
 */
final class GoImports {
    /** Go 1.21 and later. */
    static final String GOJS = "gojs";
    /** Go 1.20 and earlier. */
    static final String GO = "go";
    /** Imported only by the test binary of Go's own {@code syscall/js} package (Go 1.24 and later). */
    static final String GOTEST = "_gotest";

    static final Set<String> SP_FUNCTIONS = Set.of(
            "runtime.wasmExit", "runtime.wasmWrite", "runtime.resetMemoryDataView", "runtime.nanotime1",
            "runtime.walltime", "runtime.scheduleTimeoutEvent", "runtime.clearTimeoutEvent",
            "runtime.getRandomData", "syscall/js.finalizeRef", "syscall/js.stringVal", "syscall/js.valueGet",
            "syscall/js.valueSet", "syscall/js.valueDelete", "syscall/js.valueIndex", "syscall/js.valueSetIndex",
            "syscall/js.valueCall", "syscall/js.valueInvoke", "syscall/js.valueNew", "syscall/js.valueLength",
            "syscall/js.valuePrepareString", "syscall/js.valueLoadString", "syscall/js.valueInstanceOf",
            "syscall/js.copyBytesToGo", "syscall/js.copyBytesToJS", "debug",
            // Go 1.11 and 1.12 names, still understood so old binaries link.
            "runtime.nanotime", "runtime.walltime1");

    /**
     * The test-only imports with the types Go's {@code syscall/js} test declares them with
     * ({@code //go:wasmimport}): {@code testAdd(uint32, uint32) uint32}, {@code testCallExport(int32, int64) int64}.
     */
    static final Map<String, FunctionType> GOTEST_FUNCTIONS = Map.of(
            "add", FunctionType.parse("(i32, i32) -> i32"),
            "callExport", FunctionType.parse("(i32, i64) -> i64"));

    private GoImports() {}
}
