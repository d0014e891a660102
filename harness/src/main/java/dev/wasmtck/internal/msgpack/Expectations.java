package dev.wasmtck.internal.msgpack;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/** The three kinds of payload expectation. */
final class Expectations {
    /** Dumps beyond this are cut: a diff of megabytes of hex helps nobody. */
    static final int MAX_DUMP_BYTES = 4096;
    private static final int PREVIEW_BYTES = 32;

    private Expectations() {}

    /** Decode one MessagePack value and compare it with an expected tree. */
    record Structural(Val expected) implements PayloadExpectation {
        @Override
        public Optional<Mismatch> check(byte[] actual) {
            Val value;
            try {
                value = Decoder.decode(actual);
            } catch (Decoder.MalformedException e) {
                return Optional.of(new Mismatch("$",
                        "the guest returned malformed MessagePack: " + e.getMessage() + "; bytes: "
                                + Hex.preview(actual, PREVIEW_BYTES),
                        describe(), "malformed MessagePack:\n" + Hex.dump(actual, MAX_DUMP_BYTES)));
            }
            Compare.Diff d = Compare.first(expected, value);
            if (d == null) {
                return Optional.empty();
            }
            return Optional.of(new Mismatch(d.path(), d.problem(), describe(), Render.block(value, expected)));
        }

        @Override
        public String describe() {
            return Render.block(expected);
        }
    }

    /** Byte-for-byte, for payloads given as {@code !raw}. */
    record Exact(byte[] expected) implements PayloadExpectation {
        @Override
        public Optional<Mismatch> check(byte[] actual) {
            int at = Arrays.mismatch(expected, actual);
            if (at < 0) {
                return Optional.empty();
            }
            String problem;
            if (at >= actual.length) {
                problem = "the payload ends after " + actual.length + " bytes, expected " + expected.length;
            } else if (at >= expected.length) {
                problem = "the payload has " + (actual.length - expected.length) + " extra bytes after the expected "
                        + expected.length + ", starting at offset " + at;
            } else {
                problem = String.format("bytes differ at offset %d: expected 0x%02x but was 0x%02x",
                        at, expected[at] & 0xff, actual[at] & 0xff);
            }
            return Optional.of(new Mismatch("$", problem, describe(), Hex.dump(actual, MAX_DUMP_BYTES)));
        }

        @Override
        public String describe() {
            return Hex.dump(expected, MAX_DUMP_BYTES);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Exact e && Arrays.equals(expected, e.expected);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(expected);
        }

        @Override
        public String toString() {
            return "Exact[" + Hex.compact(expected) + "]";
        }
    }

    /** Exactly these UTF-8 bytes, for non-MessagePack ABIs. */
    record Text(String expected) implements PayloadExpectation {
        @Override
        public Optional<Mismatch> check(byte[] actual) {
            byte[] want = expected.getBytes(StandardCharsets.UTF_8);
            int at = Arrays.mismatch(want, actual);
            if (at < 0) {
                return Optional.empty();
            }
            Val.Str got = new Val.Str(actual);
            String actualText = got.validUtf8()
                    ? "!text " + Render.quote(got.text(), Integer.MAX_VALUE)
                    : "not UTF-8 text:\n" + Hex.dump(actual, MAX_DUMP_BYTES);
            String problem = "expected text " + Render.quote(expected, 80) + " but was "
                    + (got.validUtf8() ? Render.quote(got.text(), 80) : "invalid UTF-8 " + Hex.preview(actual, PREVIEW_BYTES))
                    + " (first difference at byte " + at + ")";
            return Optional.of(new Mismatch("$", problem, describe(), actualText));
        }

        @Override
        public String describe() {
            return "!text " + Render.quote(expected, Integer.MAX_VALUE);
        }
    }
}
