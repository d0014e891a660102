package dev.wasmtck.host.wasmexec;

import java.util.Collections;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The Java host functions registered through {@link ServiceLoader}, by name, looked up once: case
 * parsing checks names against it and every run installs from it. The first registration of a name wins.
 */
final class JsHostFunctions {
    private JsHostFunctions() {}

    private static final class Registry {
        static final Map<String, JsHostFunction> BY_NAME = load();

        private static Map<String, JsHostFunction> load() {
            Map<String, JsHostFunction> byName = new TreeMap<>();
            for (JsHostFunction f : ServiceLoader.load(JsHostFunction.class)) {
                byName.putIfAbsent(f.name(), f);
            }
            return Collections.unmodifiableMap(byName);
        }
    }

    static Map<String, JsHostFunction> byName() {
        return Registry.BY_NAME;
    }
}
