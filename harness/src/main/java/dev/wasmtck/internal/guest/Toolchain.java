package dev.wasmtck.internal.guest;

import dev.wasmtck.Constants;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A toolchain the kit knows by name, with the public image real users pull by default.
 * Machines without a registry map the name to another image instead; the mapping is the caller's
 * configuration. {@code hasLocalRecipe}: ci/images/build-local.sh can build
 * {@code wasm-tck/<name>:local} for it (TinyGo has no Debian package, so no recipe).
 */
public record Toolchain(String name, String label, String defaultImage, boolean hasLocalRecipe) {

    public static final Toolchain EMSCRIPTEN =
            new Toolchain("emscripten", "Emscripten", "emscripten/emsdk:3.1.6", true);
    /** The current Go line: js/wasm binaries import the module {@code gojs}. */
    public static final Toolchain GO = new Toolchain("go", "Go", "golang:1.26", true);
    /** The old Go line (before 1.21): js/wasm binaries import the module {@code go}. */
    public static final Toolchain GO_1_19 = new Toolchain("go1.19", "Go 1.19", "golang:1.19", true);
    /** TinyGo 0.35+ (wasip1, {@code -buildmode=c-shared}); reachable only where a registry is. */
    public static final Toolchain TINYGO = new Toolchain("tinygo", "TinyGo", "tinygo/tinygo:0.39.0", false);
    /** Rust with cargo; the image needs network access to crates.io while a guest builds. */
    public static final Toolchain RUST = new Toolchain("rust", "Rust", "rust:1.95", true);

    private static final Map<String, Toolchain> KNOWN = new LinkedHashMap<>();

    static {
        for (Toolchain t : new Toolchain[] {EMSCRIPTEN, GO, GO_1_19, TINYGO, RUST}) {
            KNOWN.put(t.name(), t);
        }
    }

    public static Optional<Toolchain> named(String name) {
        return Optional.ofNullable(KNOWN.get(name));
    }

    public static Set<String> names() {
        return KNOWN.keySet();
    }

    /** The image to build with: the caller's override for this toolchain, else the public default. */
    public String image(Map<String, String> overrides) {
        String image = overrides == null ? null : overrides.get(name);
        return image == null || image.isBlank() ? defaultImage : image.trim();
    }

    /** The image ci/images/build-local.sh produces for this toolchain (when it has a recipe). */
    public String localImage() {
        return "wasm-tck/" + name + ":local";
    }

    /** The configuration key that overrides this toolchain's image. */
    public String imageKey() {
        return Constants.toolchainImage(name);
    }
}
