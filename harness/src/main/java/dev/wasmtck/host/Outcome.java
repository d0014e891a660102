package dev.wasmtck.host;

/** What a successful call produced: the result payload and anything the guest wrote to stdout or stderr. */
public record Outcome(byte[] output, String stdout, String stderr) {
    public static Outcome of(byte[] output) {
        return new Outcome(output, "", "");
    }
}
