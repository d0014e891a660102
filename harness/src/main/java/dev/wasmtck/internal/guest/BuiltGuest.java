package dev.wasmtck.internal.guest;

import dev.wasmtck.internal.util.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A compiled guest in the cache.
 *
 * @param name      the guest folder relative to the guests root, with '/' (e.g. {@code c/message})
 * @param wasm      the module, inside the cache directory: read it with {@link #read()}, do not move or change it
 * @param fromCache true when no build ran for this request
 * @param cacheKey  SHA-256 (hex) of recipe, sources, command and toolchain image
 * @param wasmSha256 SHA-256 (hex) of the module as built
 */
public record BuiltGuest(String name, Path wasm, boolean fromCache, String cacheKey, String wasmSha256) {

    /** The module's bytes, checked once more against the digest recorded when it was built. */
    public byte[] read() throws IOException {
        byte[] bytes = Files.readAllBytes(wasm);
        if (!Sha256.hex(bytes).equals(wasmSha256)) {
            throw new IOException("guest cache entry " + wasm + " for guest " + name
                    + " changed after it was checked; run again to rebuild it");
        }
        return bytes;
    }
}
