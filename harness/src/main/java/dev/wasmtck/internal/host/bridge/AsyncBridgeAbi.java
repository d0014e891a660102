package dev.wasmtck.internal.host.bridge;

import dev.wasmtck.abi.bridge.AsyncFunction;
import dev.wasmtck.abi.bridge.BridgeForm;
import dev.wasmtck.abi.bridge.BridgeSettings;
import dev.wasmtck.abi.bridge.GetBehaviour;
import dev.wasmtck.abi.bridge.Placement;
import dev.wasmtck.host.Abi;
import dev.wasmtck.internal.msgpack.Payloads;
import dev.wasmtck.internal.yaml.YamlMap;
import dev.wasmtck.internal.yaml.YamlNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The case-format side of the async bridge. A case's {@code host:} section may hold:
 *
 * <pre>
 * host:
 *   placement: allocator          # or fixed-offset (the seed's placement), or auto
 *   forms: [seed, handle]         # only guests of these forms run the case (default: every form)
 *   get: echo                     # one behaviour for every get ...
 *   get:                          # ... or a script: the Nth get uses the Nth answer
 *     - {resolve: {msg: hi}, delay: 50ms}
 *     - {reject: "no such key"}
 *     - {function: lookup}
 *     - {echo: true, delay: 1s}
 * </pre>
 */
public final class AsyncBridgeAbi implements Abi<BridgeSettings> {
    public static final String NAME = "async-bridge";
    static final List<String> SECTION_KEYS = List.of("get", "placement", "forms");
    static final List<String> BEHAVIOUR_KINDS = List.of("echo", "resolve", "reject", "function");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String defaultFunction() {
        return "call";
    }

    @Override
    public Class<BridgeSettings> settingsType() {
        return BridgeSettings.class;
    }

    @Override
    public BridgeSettings parseSettings(Optional<YamlMap> section) {
        if (section.isEmpty()) {
            return BridgeSettings.DEFAULT;
        }
        YamlMap host = section.get().allowOnly(SECTION_KEYS);
        return behaviours(host).withForms(forms(host));
    }

    private static BridgeSettings behaviours(YamlMap host) {
        Placement placement = Placement.ALLOCATOR;
        Optional<YamlNode> placementNode = host.get("placement");
        if (placementNode.isPresent()) {
            String label = placementNode.get().asString("placement");
            placement = Placement.byLabel(label).orElseThrow(() -> placementNode.get()
                    .error("unknown placement '" + label + "'; expected one of " + Placement.labels()));
        }
        Optional<YamlNode> get = host.get("get");
        if (get.isEmpty()) {
            return BridgeSettings.DEFAULT.withPlacement(placement);
        }
        if (get.get().isList()) {
            List<GetBehaviour> answers = new ArrayList<>();
            for (YamlNode item : get.get().asList("get")) {
                answers.add(behaviour(item));
            }
            if (answers.isEmpty()) {
                throw get.get().error("get lists no answers; give at least one, or leave get out to echo");
            }
            return BridgeSettings.script(answers, placement);
        }
        return BridgeSettings.every(behaviour(get.get()), placement);
    }

    private static Set<BridgeForm> forms(YamlMap host) {
        Optional<YamlNode> node = host.get("forms");
        if (node.isEmpty()) {
            return Set.of();
        }
        List<YamlNode> items = node.get().isList() ? node.get().asList("forms") : List.of(node.get());
        if (items.isEmpty()) {
            throw node.get().error("forms lists no form; leave it out to run the case on guests of every form");
        }
        Set<BridgeForm> forms = EnumSet.noneOf(BridgeForm.class);
        for (YamlNode item : items) {
            String label = item.asString("a form");
            forms.add(BridgeForm.byLabel(label).orElseThrow(() -> item.error("unknown form '" + label
                    + "'; expected one of " + BridgeForm.labels())));
        }
        return forms;
    }

    private static GetBehaviour behaviour(YamlNode node) {
        if (node.isScalar() && !node.isNull()) {
            String text = node.asString("a get behaviour");
            if (text.equals("echo")) {
                return new GetBehaviour.Echo(Duration.ZERO);
            }
            throw node.error("unknown get behaviour '" + text + "'; write echo, or a mapping with one of "
                    + BEHAVIOUR_KINDS + " and an optional delay");
        }
        if (!node.isMap()) {
            throw node.error("expected a get behaviour (echo, or a mapping with one of " + BEHAVIOUR_KINDS
                    + "), found " + node.kind());
        }
        List<String> allowed = new ArrayList<>(BEHAVIOUR_KINDS);
        allowed.add("delay");
        YamlMap map = node.asMap("a get behaviour").allowOnly(allowed);
        String kind = map.exactlyOneOf(BEHAVIOUR_KINDS);
        Duration delay = map.get("delay").map(d -> d.asDuration("delay")).orElse(Duration.ZERO);
        YamlNode value = map.require(kind);
        return switch (kind) {
            case "echo" -> {
                if (!value.asBoolean("echo")) {
                    throw value.error("echo: false answers nothing; use resolve, reject or function instead");
                }
                yield new GetBehaviour.Echo(delay);
            }
            case "resolve" -> new GetBehaviour.Resolve(Payloads.encode(value), delay);
            case "reject" -> new GetBehaviour.Reject(value.asString("the rejection message"), delay);
            case "function" -> new GetBehaviour.Function(value.asString("the name of an AsyncFunction"), delay);
            default -> throw new IllegalStateException(kind);
        };
    }

    @Override
    public List<dev.wasmtck.host.ModuleRule> moduleRules() {
        return BridgeModuleRules.RULES;
    }

    @Override
    public Optional<String> recogniseShape(dev.wasmtck.module.ModuleShape module) {
        return BridgeModuleRules.recognise(module);
    }
}
