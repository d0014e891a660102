package dev.wasmtck.bench;

import dev.wasmtck.internal.guest.GuestBuilder;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints {@code NAME=PATH} for each guest ci/bench/run measures, built by the kit's guest builder (so from
 * the guest cache when the sources are unchanged, else in the toolchain image). Not a test.
 *
 * <pre>BenchGuests &lt;guests folder&gt; NAME=FOLDER[@TOOLCHAIN]...</pre>
 *
 * Toolchain images as the engine takes them ({@code -Dwasm.conformance.toolchain.NAME.image=...}, what
 * ci/lib/toolchains.sh chooses); the cache is {@code wasm.conformance.cache.dir} or the engine's default.
 */
public final class BenchGuests {
    private static final String IMAGE_PREFIX = "wasm.conformance.toolchain.";

    private BenchGuests() {}

    public static void main(String[] args) {
        Map<String, String> images = new TreeMap<>();
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith(IMAGE_PREFIX) && key.endsWith(".image")) {
                images.put(key.substring(IMAGE_PREFIX.length(), key.length() - ".image".length()), System.getProperty(key));
            }
        }
        Path cache = Path.of(System.getProperty("wasm.conformance.cache.dir",
                Path.of(System.getProperty("user.home"), ".cache", "wasm-tck", "guests").toString()));
        GuestBuilder builder = new GuestBuilder(Path.of(args[0]), cache, images, true);
        for (int i = 1; i < args.length; i++) {
            String name = args[i].substring(0, args[i].indexOf('='));
            String[] folder = args[i].substring(name.length() + 1).split("@", 2);
            System.out.println(name + "=" + builder.build(folder[0], folder.length > 1 ? folder[1] : null).wasm());
        }
    }
}
