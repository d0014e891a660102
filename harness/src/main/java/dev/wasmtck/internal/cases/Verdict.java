package dev.wasmtck.internal.cases;

/**
 * Why a case failed, as data: what kind of difference, where in the payload, and the message a reader
 * sees after the case header. Known-failure lists match on it; the engine turns it into the test's failure.
 *
 * @param path where in a payload the difference is ({@code $.items[2]}), or null when it is not about a payload
 * @param message what went wrong, e.g. {@code output differs at $.a: expected int 1 but was int 2}
 * @param expected the expected side, readable, for an IDE diff; null when there is none
 * @param actual the actual side, readable; null when there is none
 * @param subject which part of the case failed, when not the whole case (a call of a concurrent case), else null
 * @param cause what the guest or host threw, or null
 */
public record Verdict(Kind kind, String path, String message, String expected, String actual, String subject,
        Throwable cause) {

    /** The kinds of failure. Those that are {@link #breakdown() breakdowns} are errors rather than assertion failures. */
    public enum Kind {
        /** The guest failed where the case expected it to complete. */
        UNEXPECTED_FAULT(true),
        /** The call returned no output where the case expected one. */
        NO_OUTPUT(false),
        OUTPUT_MISMATCH(false),
        /** The case expected the call to fail, and it did not. */
        NOT_FAILED(false),
        /** The call failed, but with another kind or message. */
        WRONG_FAILURE(false),
        EXIT_MISMATCH(false),
        STDOUT_MISMATCH(false),
        STDERR_MISMATCH(false),
        /** The case expects host calls and the ABI makes none. */
        NO_HOST_CALLS(false),
        HOST_CALLS_MISMATCH(false),
        GLOBAL_MISSING(false),
        GLOBAL_MISMATCH(false),
        /** The call's exit, streams, output or kind of failure differ from its {@code same-as} reference host's. */
        DIFFERS_FROM_REFERENCE(false),
        /** The guest could not be loaded (built, read). */
        GUEST_UNAVAILABLE(true),
        /** The host threw where it should have returned an outcome or a fault. */
        HOST_FAILED(true),
        /** A concurrent case's callers outlived every time limit. */
        CALLERS_STUCK(true),
        /** A concurrent case's pool created more or fewer instances than it allows. */
        INSTANCES(false),
        /** Several calls of a concurrent case failed, or some were never made. */
        CALLS_FAILED(false);

        private final boolean breakdown;

        Kind(boolean breakdown) {
            this.breakdown = breakdown;
        }

        /** Whether the guest or host broke down rather than answered wrongly. */
        public boolean breakdown() {
            return breakdown;
        }
    }

    /** A verdict without payload path, diff or subject. */
    public static Verdict of(Kind kind, String message, Throwable cause) {
        return new Verdict(kind, null, message, null, null, null, cause);
    }

    /** The same verdict about a part of the case, e.g. {@code concurrent.calls[0] 'echo' (line 12, caller 1 of 4)}. */
    public Verdict about(String newSubject) {
        return new Verdict(kind, path, message, expected, actual, newSubject, cause);
    }

    /** What follows the case header: what known-failure entries match the start of. */
    public String text() {
        return subject == null ? message : subject + ": " + message;
    }

    /** The full message, after the case header {@code who}. */
    public String render(String who) {
        return who + (subject == null ? ": " : " ") + text();
    }
}
