package dev.wasmtck.internal.host.external;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Go's own wasm_exec.js on node (ci/adapters/node-wasm-exec, host node-go), when declared
 * ({@code -Dwasm.conformance.external-hosts=...} from {@code ci/adapters/build.sh node-go}), on the
 * harness's hostile Go js/wasm stand-ins: where it differs from the reference host, as measured. The
 * suite's Go guests run on it in ci/test, against known-failures/node-go.yaml.
 */
class NodeWasmExecTest {
    private static final String FILE = "hostile/wasm-exec.yaml";

    @Test
    void goOwnWasmExecDiffersWhereMeasured() {
        String declared = System.getProperty(ExternalHosts.KEY, "");
        Assumptions.assumeTrue(declared.contains("node-go"),
                "the node-go adapter is not declared (-D" + ExternalHosts.KEY + "=...)");
        Map<String, String> failures = Adapters.failures("node-go", declared, FILE);
        // The TinyGo stand-in is not Go's ABI: not run on Go's wasm_exec.js, with the reason.
        for (String tinyGo : List.of("js-array-buffers-kept", "js-control", "js-loop", "js-recursion", "js-typed-array-2e9")) {
            assertThat(failures.remove(tinyGo)).as(tinyGo).startsWith("ABORTED").contains("a TinyGo js/wasm binary");
        }
        assertThat(failures).containsOnlyKeys("get-random-data-2g", "get-random-data-forever", "wasm-write-4g",
                "value-call-2g-arguments", "value-invoke-2g-arguments", "value-new-2g-arguments");
        // Out-of-range lengths reach wasm_exec.js's typed-array views, whose RangeError escapes main as a
        // JS exception (the reference host traps, naming the import); a 2^31 argument count is no problem.
        assertThat(failures.get("get-random-data-2g")).contains("got [host-error] main: RangeError: Invalid typed array length");
        assertThat(failures.get("wasm-write-4g")).contains("got [host-error] main: RangeError: Invalid typed array length");
        assertThat(failures.get("get-random-data-forever")).contains("got [host-error] main: TypeError:");
        for (String call : List.of("value-call-2g-arguments", "value-invoke-2g-arguments", "value-new-2g-arguments")) {
            assertThat(failures.get(call)).as(call).contains("but it completed");
        }
    }
}
