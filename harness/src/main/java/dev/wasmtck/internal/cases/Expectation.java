package dev.wasmtck.internal.cases;

import dev.wasmtck.internal.msgpack.PayloadExpectation;
import java.util.Map;

/**
 * Everything one call must show, as its {@code expect:} says; what {@link Judge} judges an outcome by.
 *
 * @param result its output or error, or only that it completes
 * @param stdout expected stdout, or null to ignore it
 * @param stderr expected stderr, or null to ignore it
 * @param exit the exit code the program must end with, or null: then a non-zero exit is a failure
 * @param globals values the guest must leave in JS globals (wasm-exec), by name
 * @param hostCalls the calls the guest must make to the host, in order (waPC), or null to ignore them
 * @param sameAs the reference host whose run the call must equal byte for byte, or null
 */
public record Expectation(Expected result, TextMatch stdout, TextMatch stderr, Integer exit,
        Map<String, PayloadExpectation> globals, PayloadExpectation hostCalls, SameAs sameAs) {

    public Expectation {
        globals = globals == null ? Map.of() : Map.copyOf(globals);
    }

    /** Without a reference host. */
    public Expectation(Expected result, TextMatch stdout, TextMatch stderr, Integer exit,
            Map<String, PayloadExpectation> globals, PayloadExpectation hostCalls) {
        this(result, stdout, stderr, exit, globals, hostCalls, null);
    }
}
