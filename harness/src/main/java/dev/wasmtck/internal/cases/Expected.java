package dev.wasmtck.internal.cases;

import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.internal.msgpack.PayloadExpectation;
import dev.wasmtck.internal.yaml.SourceRef;

/** What a case expects: a result payload, or a failure. */
public sealed interface Expected {

    SourceRef where();

    /** The call succeeds and its result satisfies {@code payload}. */
    record Output(PayloadExpectation payload, SourceRef where) implements Expected {}

    /** The call completes (no fault, no unexpected exit); only stdout, stderr, exit or globals are checked. */
    record Completes(SourceRef where) implements Expected {}

    /**
     * The call fails. {@code kind} (null = any kind) is checked against {@link GuestFault#kind()},
     * {@code message} against the fault's message.
     */
    record Failure(GuestFault.Kind kind, TextMatch message, SourceRef where) implements Expected {}
}
