package dev.wasmtck.internal.host;

import java.util.Collections;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Plugin extensions found with {@link ServiceLoader}, by name, looked up once per type: case parsing
 * checks the names a case uses against the same map every run later takes them from. The first
 * registration of a name wins.
 */
public final class NamedServices {
    private static final Map<Class<?>, Map<String, ?>> BY_TYPE = new ConcurrentHashMap<>();

    private NamedServices() {}

    /** The registered implementations of {@code type}, by {@code name}, in name order. */
    @SuppressWarnings("unchecked")
    public static <T> Map<String, T> byName(Class<T> type, Function<T, String> name) {
        return (Map<String, T>) BY_TYPE.computeIfAbsent(type, t -> {
            Map<String, T> byName = new TreeMap<>();
            for (T service : ServiceLoader.load(type)) {
                byName.putIfAbsent(name.apply(service), service);
            }
            return Collections.unmodifiableMap(byName);
        });
    }
}
