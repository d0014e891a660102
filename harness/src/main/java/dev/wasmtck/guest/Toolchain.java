package dev.wasmtck.guest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A toolchain the kit knows by name, with the public image real users pull by default.
 * Machines without a registry map the name to a local image instead (ci/images/build-local.sh
 * builds {@code wasm-tck/<name>:local}); the mapping is the caller's configuration.
 */
public record Toolchain(String name, String defaultImage) {

    public static final Toolchain EMSCRIPTEN = new Toolchain("emscripten", "emscripten/emsdk:3.1.6");
    /** The current Go line: js/wasm binaries import the module {@code gojs}. */
    public static final Toolchain GO = new Toolchain("go", "golang:1.26");
    /** The old Go line (before 1.21): js/wasm binaries import the module {@code go}. */
    public static final Toolchain GO_1_19 = new Toolchain("go1.19", "golang:1.19");
    /** Placeholder: TinyGo guests come later. */
    public static final Toolchain TINYGO = new Toolchain("tinygo", "tinygo/tinygo:0.39.0");

    private static final Map<String, Toolchain> KNOWN = new LinkedHashMap<>();

    static {
        for (Toolchain t : new Toolchain[] {EMSCRIPTEN, GO, GO_1_19, TINYGO}) {
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

    /** The image ci/images/build-local.sh produces for this toolchain. */
    public String localImage() {
        return "wasm-tck/" + name + ":local";
    }
}
