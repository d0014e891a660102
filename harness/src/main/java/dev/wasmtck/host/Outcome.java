package dev.wasmtck.host;

import java.util.Map;

/**
 * What a call produced.
 *
 * @param output the result payload (MessagePack), or null when the call has no result (a program run)
 * @param stdout what the guest wrote to stdout
 * @param stderr what the guest wrote to stderr
 * @param exitCode the code the program exited with, or null while it is still running (serving calls)
 * @param globals the JS globals asked for in {@link Invocation#observe()}, MessagePack-encoded
 * @param hostCalls the calls the guest made to the host (waPC), as a MessagePack array of maps
 *     {@code {binding, namespace, operation, payload}}, or null when the ABI has none
 */
public record Outcome(byte[] output, String stdout, String stderr, Integer exitCode, Map<String, byte[]> globals,
        byte[] hostCalls) {

    public Outcome {
        globals = globals == null ? Map.of() : Map.copyOf(globals);
    }

    public Outcome(byte[] output, String stdout, String stderr, Integer exitCode, Map<String, byte[]> globals) {
        this(output, stdout, stderr, exitCode, globals, null);
    }

    public Outcome(byte[] output, String stdout, String stderr) {
        this(output, stdout, stderr, null, Map.of(), null);
    }

    public static Outcome of(byte[] output) {
        return new Outcome(output, "", "");
    }
}
