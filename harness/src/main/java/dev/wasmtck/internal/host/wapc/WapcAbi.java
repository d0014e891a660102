package dev.wasmtck.internal.host.wapc;

import dev.wasmtck.abi.wapc.HostCallHandler;
import dev.wasmtck.abi.wapc.JavaHostCallHandler;
import dev.wasmtck.abi.wapc.WapcSettings;
import dev.wasmtck.host.Abi;
import dev.wasmtck.internal.host.NamedServices;
import dev.wasmtck.internal.host.ReplyTemplate;
import dev.wasmtck.internal.msgpack.Payloads;
import dev.wasmtck.internal.yaml.YamlMap;
import dev.wasmtck.internal.yaml.YamlNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 *     - {namespace: kv, java: kv-get}            # a registered JavaHostCallHandler
 *     - {operation: echo, echo: true, barrier: 2}   # answers when 2 calls wait here at once
 *     - {operation: greet, template: "Hello {payload}!"}   # also {payload|upper}, {operation}, ...
 * </pre>
 */
public final class WapcAbi implements Abi<WapcSettings> {
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
    public Class<WapcSettings> settingsType() {
        return WapcSettings.class;
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
                    List.of("binding", "namespace", "operation", "respond", "error", "echo", "java", "barrier",
                            "template"));
            String answer = h.exactlyOneOf(List.of("respond", "error", "echo", "java", "template"));
            byte[] response = answer.equals("respond") ? Payloads.encode(h.require("respond")) : null;
            String error = answer.equals("error") ? h.require("error").asString("error") : null;
            boolean echo = answer.equals("echo") && h.require("echo").asBoolean("echo");
            JavaHostCallHandler java = answer.equals("java") ? javaHandler(h.require("java")) : null;
            ReplyTemplate template = answer.equals("template")
                    ? ReplyTemplate.parse(h.require("template"), HostCallHandler.TEMPLATE_FIELDS) : null;
            int barrier = 0;
            if (h.has("barrier")) {
                YamlNode b = h.require("barrier");
                barrier = b.asInt("barrier");
                if (barrier < 2 || barrier > MAX_BARRIER) {
                    throw b.error("barrier is the number of calls that must wait at this handler at once: 2.."
                            + MAX_BARRIER + ", found " + barrier);
                }
            }
            handlers.add(new HostCallHandler(text(h, "binding"), text(h, "namespace"), text(h, "operation"), response,
                    error, echo, java, barrier, template));
        }
        return new WapcSettings(handlers);
    }

    /** As many calls as a concurrent case can have in flight. */
    private static final int MAX_BARRIER = 64;

    private static JavaHostCallHandler javaHandler(YamlNode node) {
        String name = node.asString("java (a handler name)");
        Map<String, JavaHostCallHandler> known = javaHandlers();
        JavaHostCallHandler handler = known.get(name);
        if (handler == null) {
            throw node.error("no Java host-call handler named '" + name + "' is registered (ServiceLoader, "
                    + "META-INF/services/" + JavaHostCallHandler.class.getName() + "); registered: "
                    + (known.isEmpty() ? "none" : String.join(", ", known.keySet())));
        }
        return handler;
    }

    /** The registered {@link JavaHostCallHandler}s by name. */
    public static Map<String, JavaHostCallHandler> javaHandlers() {
        return NamedServices.byName(JavaHostCallHandler.class, JavaHostCallHandler::name);
    }

    @Override
    public boolean pooled() {
        return true;
    }

    private static String text(YamlMap m, String key) {
        return m.get(key).map(n -> n.asString(key)).orElse(null);
    }

    @Override
    public List<dev.wasmtck.host.ModuleRule> moduleRules() {
        return WapcModuleRules.RULES;
    }

    @Override
    public Optional<String> recogniseShape(dev.wasmtck.module.ModuleShape module) {
        return WapcModuleRules.recognise(module);
    }
}
