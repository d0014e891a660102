package dev.wasmtck.internal.yaml;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * A composed YAML node plus the file it came from. Every typed accessor fails with a
 * {@link CaseFormatException} that names the file, the node's line and what was expected,
 * so parsing code never has to format locations itself.
 */
public final class YamlNode {

    private final Node node;
    private final String location;

    public YamlNode(Node node, String location) {
        this.node = node;
        this.location = location;
    }

    public Node raw() {
        return node;
    }

    public String location() {
        return location;
    }

    public SourceRef where() {
        int line = node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
        return new SourceRef(location, line);
    }

    public CaseFormatException error(String problem) {
        return new CaseFormatException(where(), problem);
    }

    /** The explicit or resolved tag, e.g. {@code tag:yaml.org,2002:str} or {@code !bin}. */
    public String tag() {
        return node.getTag().getValue();
    }

    /**
     * This node as if it carried no explicit tag: mappings and sequences get the standard tags,
     * scalars the type the core schema resolves their text to. Used by wrapping tags such as
     * {@code !msgpack} that describe what to do with a value rather than its type.
     */
    public YamlNode retagged() {
        Tag plain;
        if (node instanceof MappingNode) {
            plain = Tag.MAP;
        } else if (node instanceof SequenceNode) {
            plain = Tag.SEQ;
        } else {
            ScalarNode s = (ScalarNode) node;
            plain = s.isPlain() ? RESOLVER.resolve(s.getValue(), true) : Tag.STR;
        }
        Node copy = node instanceof ScalarNode s
                ? new ScalarNode(plain, true, s.getValue(), s.getScalarStyle(), s.getStartMark(), s.getEndMark())
                : node;
        if (copy == node) {
            // Collections are re-read through their children, so only the tag on this node changes.
            copy = node instanceof MappingNode m
                    ? new MappingNode(plain, true, m.getValue(), m.getFlowStyle(), m.getStartMark(), m.getEndMark())
                    : new SequenceNode(plain, true, ((SequenceNode) node).getValue(), ((SequenceNode) node).getFlowStyle(),
                            node.getStartMark(), node.getEndMark());
        }
        return new YamlNode(copy, location);
    }

    private static final org.snakeyaml.engine.v2.resolver.ScalarResolver RESOLVER =
            new org.snakeyaml.engine.v2.schema.CoreSchema().getScalarResolver();

    public boolean hasExplicitLocalTag() {
        return tag().startsWith("!");
    }

    public boolean isScalar() {
        return node instanceof ScalarNode;
    }

    public boolean isMap() {
        return node instanceof MappingNode;
    }

    public boolean isList() {
        return node instanceof SequenceNode;
    }

    public boolean isNull() {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    /** The scalar's text, whatever type YAML resolved it to. */
    public String scalarText(String what) {
        if (node instanceof ScalarNode s) {
            return s.getValue();
        }
        throw error("expected " + what + " (a scalar), found " + kind());
    }

    public String asString(String what) {
        if (node instanceof ScalarNode s && !isNull()) {
            return s.getValue();
        }
        throw error("expected " + what + " (a string), found " + kind());
    }

    public boolean asBoolean(String what) {
        if (node instanceof ScalarNode s && Tag.BOOL.equals(node.getTag())) {
            return Boolean.parseBoolean(s.getValue().toLowerCase(Locale.ROOT));
        }
        throw error("expected " + what + " (true or false), found " + kind());
    }

    public long asLong(String what) {
        if (node instanceof ScalarNode s && Tag.INT.equals(node.getTag())) {
            try {
                return Long.decode(s.getValue().replace("_", ""));
            } catch (NumberFormatException e) {
                throw error(what + " is out of range: " + s.getValue());
            }
        }
        throw error("expected " + what + " (an integer), found " + kind());
    }

    public int asInt(String what) {
        long v = asLong(what);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw error(what + " is out of range: " + v);
        }
        return (int) v;
    }

    /** A duration such as {@code 250ms}, {@code 2s}, {@code 1.5s}, {@code 1m}; a bare number means milliseconds. */
    public Duration asDuration(String what) {
        String text = scalarText(what).trim();
        return Units.duration(text).orElseThrow(
                () -> error("expected " + what + " as a duration like 500ms, 2s or 1m, found '" + text + "'"));
    }

    /** A memory size such as {@code 64MiB}, {@code 512KiB} or {@code 100 pages}; a bare number means bytes. */
    public long asByteSize(String what) {
        String text = scalarText(what).trim();
        try {
            return Units.bytes(text).orElseThrow(
                    () -> error("expected " + what + " as a size like 64MiB or 100 pages, found '" + text + "'"));
        } catch (ArithmeticException e) {
            throw error(what + " is too large: '" + text + "' is " + e.getMessage());
        }
    }

    public List<YamlNode> asList(String what) {
        if (node instanceof SequenceNode seq) {
            List<YamlNode> out = new ArrayList<>(seq.getValue().size());
            for (Node child : seq.getValue()) {
                out.add(new YamlNode(child, location));
            }
            return out;
        }
        throw error("expected " + what + " (a list), found " + kind());
    }

    /** A list of strings; a single string is accepted as a list of one. */
    public List<String> asStringList(String what) {
        if (isScalar()) {
            return List.of(asString(what));
        }
        List<String> out = new ArrayList<>();
        for (YamlNode item : asList(what)) {
            out.add(item.asString("an item of " + what));
        }
        return out;
    }

    public YamlMap asMap(String what) {
        if (node instanceof MappingNode map) {
            Map<String, YamlNode> keys = new LinkedHashMap<>();
            Map<String, YamlNode> values = new LinkedHashMap<>();
            for (NodeTuple t : map.getValue()) {
                YamlNode key = new YamlNode(t.getKeyNode(), location);
                String name = key.scalarText("a key of " + what);
                if (keys.containsKey(name)) {
                    throw key.error("duplicate key '" + name + "' in " + what
                            + " (first at line " + keys.get(name).where().line() + ")");
                }
                keys.put(name, key);
                values.put(name, new YamlNode(t.getValueNode(), location));
            }
            return new YamlMap(this, what, keys, values);
        }
        throw error("expected " + what + " (a mapping), found " + kind());
    }

    /** A short human name for the node's kind, used in error messages. */
    public String kind() {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (isNull()) {
            return "null";
        }
        String t = tag();
        String type = switch (t) {
            case "tag:yaml.org,2002:str" -> "string";
            case "tag:yaml.org,2002:int" -> "integer";
            case "tag:yaml.org,2002:float" -> "number";
            case "tag:yaml.org,2002:bool" -> "boolean";
            default -> t;
        };
        return type + " '" + ((ScalarNode) node).getValue() + "'";
    }
}
