package dev.wasmtck.internal.cases;

import dev.wasmtck.internal.yaml.SourceRef;
import java.util.List;

/**
 * A case's {@code concurrent:} section: {@code callers} threads each make the {@code calls}, in order,
 * {@code rounds} times, all at once against one pool of at most {@code pool} instances. Every call is
 * judged on its own: its output or error, its stdout and stderr, and the host calls it made (those of
 * the instance's initialisation are not counted); no exit code or globals.
 *
 * @param instances how many instances the pool must have created, or null to leave it unchecked
 */
public record Concurrency(int pool, int callers, int rounds, List<CallSpec> calls, Range instances, SourceRef where) {

    public Concurrency {
        calls = List.copyOf(calls);
    }

    /** An inclusive range of counts. */
    public record Range(int min, int max) {
        public boolean contains(int n) {
            return n >= min && n <= max;
        }

        public String describe() {
            return min == max ? String.valueOf(min) : min + ".." + max;
        }
    }
}
