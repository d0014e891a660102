package dev.wasmtck.internal.host.bridge;

import dev.wasmtck.abi.bridge.AsyncFunction;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The {@link AsyncFunction}s visible through {@link ServiceLoader}, looked up by name. */
final class AsyncFunctions {
    private AsyncFunctions() {}

    static Map<String, AsyncFunction> registered() {
        Map<String, AsyncFunction> byName = new TreeMap<>();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = AsyncFunctions.class.getClassLoader();
        }
        for (AsyncFunction f : ServiceLoader.load(AsyncFunction.class, loader)) {
            byName.putIfAbsent(f.name(), f);
        }
        return byName;
    }

    static Optional<AsyncFunction> find(String name) {
        return Optional.ofNullable(registered().get(name));
    }
}
