package dev.wasmtck.host.wapc;

import dev.wasmtck.host.Abi;
import dev.wasmtck.msgpack.Payloads;
import dev.wasmtck.yaml.YamlMap;
import dev.wasmtck.yaml.YamlNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The case-format side of waPC ({@code abi: wapc}). {@code function} is the operation (default: the
 * empty name), {@code input} the payload. The {@code host:} section declares host-call handlers:
 *
 * <pre>
 * host:
 *   handlers:
 *     - {namespace: test, operation: echo, echo: true}
 *     - {binding: tck, operation: lookup, respond: {found: true}}   # payload notation
 *     - {operation: fail, error: "no such key"}
 * </pre>
 */
public final class WapcAbi implements Abi {
    public static final String NAME = "wapc";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String defaultFunction() {
        return "";
    }

    @Override
    public WapcSettings parseSettings(Optional<YamlMap> section) {
        if (section.isEmpty()) {
            return WapcSettings.DEFAULT;
        }
        YamlMap host = section.get().allowOnly(List.of("handlers"));
        List<HostCallHandler> handlers = new ArrayList<>();
        for (YamlNode item : host.get("handlers").map(n -> n.asList("handlers")).orElse(List.of())) {
            YamlMap h = item.asMap("a handler").allowOnly(
                    List.of("binding", "namespace", "operation", "respond", "error", "echo"));
            String answer = h.exactlyOneOf(List.of("respond", "error", "echo"));
            byte[] response = answer.equals("respond") ? Payloads.encode(h.require("respond")) : null;
            String error = answer.equals("error") ? h.require("error").asString("error") : null;
            boolean echo = answer.equals("echo") && h.require("echo").asBoolean("echo");
            handlers.add(new HostCallHandler(text(h, "binding"), text(h, "namespace"), text(h, "operation"), response,
                    error, echo));
        }
        return new WapcSettings(handlers);
    }

    private static String text(YamlMap m, String key) {
        return m.get(key).map(n -> n.asString(key)).orElse(null);
    }

    @Override
    public List<dev.wasmtck.host.ModuleRule> moduleRules() {
        return WapcModuleRules.rules();
    }
}
