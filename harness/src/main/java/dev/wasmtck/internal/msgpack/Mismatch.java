package dev.wasmtck.internal.msgpack;

/**
 * The first difference between an expected and an actual payload.
 *
 * @param path where it is, e.g. {@code $.items[2].name}
 * @param problem what differs at that path, e.g. {@code expected int 1 but was float 1.0}
 * @param expectedText the whole expected side, readable, for an IDE diff
 * @param actualText the whole actual side, readable, for an IDE diff
 */
public record Mismatch(String path, String problem, String expectedText, String actualText) {
    public String message() {
        return "at " + path + ": " + problem;
    }
}
