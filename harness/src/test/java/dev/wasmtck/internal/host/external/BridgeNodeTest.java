package dev.wasmtck.internal.host.external;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The seed's async-bridge host on node (ci/adapters/bridge-node), when declared
 * ({@code -Dwasm.conformance.external-hosts=...} from {@code ci/adapters/build.sh bridge-node}), on the
 * harness's async-bridge cases: where it differs from the reference host, as measured.
 */
class BridgeNodeTest {
    private static final String FILE = "bridge/through-engine.yaml";

    @Test
    void theSeedHostDiffersWhereMeasured() {
        String declared = System.getProperty(ExternalHosts.KEY, "");
        Assumptions.assumeTrue(declared.contains("bridge-node"),
                "the bridge-node adapter is not declared (-D" + ExternalHosts.KEY + "=...)");
        // type-exact-mismatch is written to fail (1.0 answered, 1 expected); through the seed host the
        // answer becomes a JS number and is encoded again as the integer 1, so it passes there.
        assertThat(Adapters.failures("chicory", declared, FILE)).containsOnlyKeys("type-exact-mismatch");
        assertThat(Adapters.failures("bridge-node", declared, FILE)).isEqualTo(Map.of(
                // The seed's host gives the module env.get only.
                "out-of-order", "FAILED the guest failed [link]: WebAssembly.instantiate(): Import #1 module=\"env\""
                        + " function=\"emscripten_notify_memory_growth\" error: function import requires a callable",
                // Values pass through JS numbers, which are doubles: a float32 comes back as a float64.
                "resolve-from-yaml", "FAILED output differs at $.answer: expected float32 1.5 but was float64 1.5"));
    }
}
