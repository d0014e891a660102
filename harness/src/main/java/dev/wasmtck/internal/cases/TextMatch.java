package dev.wasmtck.internal.cases;

import java.util.regex.Pattern;

/** A check on captured text (stdout, stderr, an error message): exact, substring or regex. */
public record TextMatch(Mode mode, String text, Pattern pattern) {

    public enum Mode { EQUALS, CONTAINS, MATCHES }

    public static TextMatch equalsTo(String text) {
        return new TextMatch(Mode.EQUALS, text, null);
    }

    public static TextMatch contains(String text) {
        return new TextMatch(Mode.CONTAINS, text, null);
    }

    public static TextMatch matches(Pattern pattern) {
        return new TextMatch(Mode.MATCHES, pattern.pattern(), pattern);
    }

    public boolean test(String actual) {
        return switch (mode) {
            case EQUALS -> actual.equals(text);
            case CONTAINS -> actual.contains(text);
            case MATCHES -> pattern.matcher(actual).find();
        };
    }

    public String describe() {
        return switch (mode) {
            case EQUALS -> "equal to \"" + text + "\"";
            case CONTAINS -> "containing \"" + text + "\"";
            case MATCHES -> "matching /" + text + "/";
        };
    }
}
