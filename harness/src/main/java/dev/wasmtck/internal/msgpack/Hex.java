package dev.wasmtck.internal.msgpack;

import java.util.HexFormat;

/** Hex in the notation (lenient input) and in messages (stable output). */
final class Hex {
    private static final HexFormat LOWER = HexFormat.of();

    private Hex() {}

    /**
     * Hex digits with any whitespace between them and an optional leading {@code 0x}.
     *
     * @throws IllegalArgumentException with a reason fit for an error message
     */
    static byte[] parse(String text) {
        String s = text.strip();
        if (s.startsWith("0x") || s.startsWith("0X")) {
            s = s.substring(2);
        }
        StringBuilder digits = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                continue;
            }
            if (Character.digit(c, 16) < 0) {
                throw new IllegalArgumentException("'" + c + "' is not a hex digit");
            }
            digits.append(c);
        }
        if (digits.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits (" + digits.length() + ")");
        }
        return LOWER.parseHex(digits);
    }

    static String compact(byte[] bytes) {
        return LOWER.formatHex(bytes);
    }

    static String compact(byte[] bytes, int from, int to) {
        return LOWER.formatHex(bytes, from, to);
    }

    /** Offset-prefixed lines of 16 bytes, at most {@code maxBytes} shown, the rest summarised. */
    static String dump(byte[] bytes, int maxBytes) {
        if (bytes.length == 0) {
            return "(0 bytes)";
        }
        StringBuilder sb = new StringBuilder();
        int shown = Math.min(bytes.length, maxBytes);
        for (int off = 0; off < shown; off += 16) {
            if (off > 0) {
                sb.append('\n');
            }
            sb.append(String.format("%08x:", off));
            for (int i = off; i < Math.min(off + 16, shown); i++) {
                sb.append(' ').append(LOWER.toHexDigits(bytes[i]));
            }
        }
        if (shown < bytes.length) {
            sb.append("\n... ").append(bytes.length - shown).append(" more bytes");
        }
        sb.append("\n(").append(bytes.length).append(" bytes)");
        return sb.toString();
    }

    /** One line, for previews inside a problem text. */
    static String preview(byte[] bytes, int maxBytes) {
        int shown = Math.min(bytes.length, maxBytes);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < shown; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(LOWER.toHexDigits(bytes[i]));
        }
        if (shown < bytes.length) {
            sb.append(" ...");
        }
        return sb.append(" (").append(bytes.length).append(" bytes)").toString();
    }
}
