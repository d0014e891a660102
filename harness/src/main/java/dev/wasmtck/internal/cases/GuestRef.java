package dev.wasmtck.internal.cases;

import dev.wasmtck.internal.yaml.SourceRef;

/**
 * The guest a case runs: a source folder below the guests root (built by its toolchain), or a
 * prebuilt module named relative to the case file.
 *
 * @param toolchain for sources, the toolchain to build with; null means the recipe's default
 */
public record GuestRef(Kind kind, String path, String toolchain, SourceRef where) {

    public enum Kind { SOURCE, WASM }

    /** How the guest appears in test names and messages, e.g. {@code c/message} or {@code c/message@emscripten}. */
    public String displayName() {
        return toolchain == null ? path : path + "@" + toolchain;
    }
}
