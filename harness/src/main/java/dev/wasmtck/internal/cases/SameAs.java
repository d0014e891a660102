package dev.wasmtck.internal.cases;

import dev.wasmtck.internal.yaml.SourceRef;
import java.util.List;

/**
 * A case's {@code same-as}: besides its own expectations, the call must give byte for byte what a
 * reference host gives for the same guest, settings and call: the same exit code, stdout, stderr,
 * output and kind of failure (docs/case-format.md#same-as).
 *
 * @param hosts the reference candidates in order; the first that serves the guest is the reference
 *     (e.g. {@code [node-go, node-go1.19]}: each serves one Go line)
 * @param unorderedStdout compare stdout as a sorted list of lines, for programs whose goroutines
 *     print in an order the scheduler does not fix
 * @param where where the {@code same-as} is written, for messages
 */
public record SameAs(List<String> hosts, boolean unorderedStdout, SourceRef where) {
    public SameAs {
        hosts = List.copyOf(hosts);
    }
}
