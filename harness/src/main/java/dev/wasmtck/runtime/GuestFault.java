package dev.wasmtck.runtime;

import org.apiguardian.api.API;
import java.util.Locale;

/**
 * The guest did not complete normally. The message is what a user reads in the failure, so it says
 * what happened in the guest's terms ("trap: out of bounds memory access in call"), not the host's.
 */
@API(status = API.Status.STABLE, since = "0.1")
public class GuestFault extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why the call failed; cases can expect a kind as well as a message. */
    public enum Kind {
        /** The wasm code trapped (unreachable, out-of-bounds access, stack overflow...). */
        TRAP,
        /** The guest reported an error through its ABI. */
        GUEST_ERROR,
        /** A host function the guest awaited failed (e.g. a rejected async get). */
        HOST_ERROR,
        /** The guest broke the ABI: bad pointers or lengths, malformed MessagePack, a missing callback. */
        PROTOCOL,
        /** Missing export, wrong signature, unknown import: the module cannot run on this ABI. */
        LINK,
        /** The case's time limit elapsed. */
        TIMEOUT,
        /** The guest tried to grow memory beyond the case's limit. */
        MEMORY_LIMIT,
        /** The guest exited (e.g. WASI proc_exit) instead of answering. */
        EXIT;

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final Kind kind;

    public GuestFault(Kind kind, String message) {
        this(kind, message, null);
    }

    public GuestFault(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** How many of a program's last stderr lines a message quotes. */
    private static final int STDERR_LINES = 12;

    /**
     * The end of what a guest wrote to stderr, as a message suffix ({@code "; stderr ends:\n  ..."}),
     * or "" when it wrote nothing: a failed program usually says why there.
     */
    public static String stderrTail(String stderr) {
        if (stderr == null || stderr.isBlank()) {
            return "";
        }
        String[] lines = stderr.strip().split("\n");
        int from = Math.max(0, lines.length - STDERR_LINES);
        return "; stderr ends:\n  " + String.join("\n  ", java.util.Arrays.copyOfRange(lines, from, lines.length));
    }

    /** This fault, its message followed by {@link #stderrTail(String)}. */
    public GuestFault withStderr(String stderr) {
        String tail = stderrTail(stderr);
        return tail.isEmpty() ? this : new GuestFault(kind, getMessage() + tail, getCause());
    }
}
