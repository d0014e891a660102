package dev.wasmtck.internal.host.wasmexec;

import dev.wasmtck.abi.wasmexec.JsHostFunction;
import dev.wasmtck.internal.host.NamedServices;
import java.util.Map;

/**
 * The Java host functions registered through {@link java.util.ServiceLoader}, by name: case parsing
 * checks names against this map and every run installs from it.
 */
final class JsHostFunctions {
    private JsHostFunctions() {}

    static Map<String, JsHostFunction> byName() {
        return NamedServices.byName(JsHostFunction.class, JsHostFunction::name);
    }
}
