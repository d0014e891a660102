package dev.wasmtck.internal.msgpack;

import java.util.Optional;

/** What a case expects of a result payload. */
public interface PayloadExpectation {
    /** Empty when {@code actual} satisfies the expectation, else the first difference. */
    Optional<Mismatch> check(byte[] actual);

    /** The expected side, rendered readably (one value per line), for IDE diffs. */
    String describe();
}
