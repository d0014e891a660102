package dev.wasmtck.guest;

import java.nio.file.Path;

/**
 * A compiled guest in the cache.
 *
 * @param name      the guest folder relative to the guests root, with '/' (e.g. {@code c/message})
 * @param wasm      the module, inside the cache directory: read it, do not move or change it
 * @param fromCache true when no build ran for this request
 * @param cacheKey  SHA-256 (hex) of recipe, sources, command and toolchain image
 */
public record BuiltGuest(String name, Path wasm, boolean fromCache, String cacheKey) {}
