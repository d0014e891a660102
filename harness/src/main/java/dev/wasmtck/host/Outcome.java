package dev.wasmtck.host;

import org.jspecify.annotations.Nullable;
import org.apiguardian.api.API;
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
@API(status = API.Status.STABLE, since = "0.1")
public record Outcome(byte @Nullable [] output, String stdout, String stderr, @Nullable Integer exitCode,
        Map<String, byte[]> globals, byte @Nullable [] hostCalls) {

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
