package dev.wasmtck.internal.yaml;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The duration and size notations shared by case files and configuration keys. */
public final class Units {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min)?");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KiB|MiB|GiB|pages?)?");

    private Units() {}

    /** {@code 250ms}, {@code 2s}, {@code 1.5s}, {@code 1m}; a bare number means milliseconds. */
    public static Optional<Duration> duration(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        double amount = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        double millis = switch (unit) {
            case "ms" -> amount;
            case "s" -> amount * 1000;
            default -> amount * 60_000;
        };
        return Optional.of(Duration.ofNanos((long) (millis * 1_000_000)));
    }

    /**
     * {@code 64MiB}, {@code 512KiB}, {@code 100 pages} (64 KiB each); a bare number means bytes.
     * Empty when the text is no size; a size of 2^63 bytes or more throws {@link ArithmeticException}.
     */
    public static Optional<Long> bytes(String text) {
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        String unit = m.group(2) == null ? "B" : m.group(2);
        long scale = switch (unit) {
            case "KiB" -> 1L << 10;
            case "MiB" -> 1L << 20;
            case "GiB" -> 1L << 30;
            case "page", "pages" -> 65536;
            default -> 1;
        };
        try {
            return Optional.of(Math.multiplyExact(Long.parseLong(m.group(1)), scale));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new ArithmeticException("more than " + Long.MAX_VALUE + " bytes");
        }
    }

    /** A byte count the way sizes are written: {@code 1MiB}, {@code 512KiB}, {@code 1000B}. */
    public static String formatBytes(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB"};
        int unit = 0;
        while (unit < units.length - 1 && bytes != 0 && bytes % 1024 == 0) {
            bytes /= 1024;
            unit++;
        }
        return bytes + units[unit];
    }
}
