package dev.wasmtck.internal.msgpack;

import dev.wasmtck.internal.yaml.YamlMap;
import dev.wasmtck.internal.yaml.YamlNode;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/** Reads the YAML value notation into {@link Val}s. Every problem is reported at the offending node's line. */
final class Notation {
    static final String CORE = "tag:yaml.org,2002:";
    static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private static final Pattern DECIMAL_FLOAT =
            Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    private static final Pattern INTEGER =
            Pattern.compile("([-+]?)(0x[0-9a-fA-F_]+|0o[0-7_]+|[0-9][0-9_]*)");
    /** Deep enough for any sane case, shallow enough to stop a recursive alias before the stack does. */
    private static final int MAX_DEPTH = 256;
    private static final String VALUE_TAGS =
            "!bin, !!binary, !str, !int, !uint64, !float32, !float64, !ext, !timestamp, !ordered, !repeat, !msgpack";
    private static final String MATCHER_TAGS =
            "!any, !regex, !range, !type, !one-of, !not, !none-of, !absent (a map value), !any-order, !contains";
    private static final Set<String> MATCHERS = Set.of(
            "!any", "!regex", "!range", "!type", "!one-of", "!not", "!none-of", "!absent", "!any-order", "!contains");

    private final boolean matchers;

    private Notation(boolean matchers) {
        this.matchers = matchers;
    }

    /** A value to send: matchers are rejected. */
    static Val value(YamlNode node) {
        return new Notation(false).read(node, 0);
    }

    /** An expected value: matchers are allowed anywhere except in map keys. */
    static Val expected(YamlNode node) {
        return new Notation(true).read(node, 0);
    }

    /** The tag as a user wrote it: {@code !!binary} rather than the expanded URI. */
    static String shortTag(String tag) {
        return tag.startsWith(CORE) ? "!!" + tag.substring(CORE.length()) : tag;
    }

    private Val read(YamlNode node, int depth) {
        return read(node, depth, false);
    }

    /** @param mapValue whether {@code node} is the value of a map key, the one place {@code !absent} fits */
    private Val read(YamlNode node, int depth, boolean mapValue) {
        if (depth > MAX_DEPTH) {
            throw node.error("value nested deeper than " + MAX_DEPTH + " levels (a recursive alias?)");
        }
        String tag = node.tag();
        switch (tag) {
            case CORE + "null":
                requireScalar(node, "!!null", "null");
                return Val.Nil.INSTANCE;
            case CORE + "bool":
                return readBool(node);
            case CORE + "int":
                return new Val.Int(readInt(node, "!!int", INT64_MIN, UINT64_MAX));
            case "!int":
                return new Val.Int(readInt(node, "!int", INT64_MIN, UINT64_MAX));
            case "!uint64":
                return new Val.Int(readInt(node, "!uint64", BigInteger.ZERO, UINT64_MAX));
            case CORE + "float":
            case "!float64":
                return new Val.F64(readDouble(node, shortTag(tag)));
            case "!float32":
                return new Val.F32(readFloat32(node));
            case CORE + "str":
            case "!str":
                return Val.Str.of(requireScalar(node, shortTag(tag), "a string"));
            case "!bin":
                return new Val.Bin(readHex(node, "!bin"));
            case CORE + "binary":
                return new Val.Bin(readBase64(node));
            case "!ext":
                return readExt(node);
            case "!timestamp":
            case CORE + "timestamp":
                return new Val.Ts(readInstant(node, shortTag(tag)));
            case CORE + "seq":
                return readArray(node, depth);
            case CORE + "map":
                return readMap(node, depth, false);
            case "!ordered":
                if (!node.isMap()) {
                    throw node.error("!ordered expects a mapping, found " + node.kind());
                }
                return readMap(node, depth, true);
            case "!repeat":
                return readRepeat(node);
            case "!msgpack":
                return readEmbedded(node, depth);
            case "!raw":
            case "!text":
                throw node.error(tag + " describes a whole payload and cannot appear inside a value");
            default:
                if (MATCHERS.contains(tag)) {
                    if (!matchers) {
                        throw node.error("matcher " + tag + " can only be used in an expected payload, not in one to send");
                    }
                    return readMatcher(node, tag, depth, mapValue);
                }
                throw node.error("unknown tag " + shortTag(tag) + "; value tags are " + VALUE_TAGS
                        + (matchers ? ", matchers are " + MATCHER_TAGS : "")
                        + ", and a whole payload may be !raw or !text");
        }
    }

    /**
     * {@code !msgpack VALUE}: a bin holding VALUE's MessagePack encoding, for ABIs that hand a guest
     * encoded bytes inside a larger value (a wasm_exec argument as a Uint8Array, say). A tagged scalar
     * is read as its plain YAML type; wrap it in a sequence or tag it again to pick another.
     */
    private Val readEmbedded(YamlNode node, int depth) {
        // The embedded value is encoded to bytes, so it is a plain value even inside an expectation.
        return new Val.Bin(Encoder.encode(new Notation(false).read(node.retagged(), depth + 1)));
    }

    /** Large payloads without large files: {@code !repeat {bin: "00ff", times: 524288}} or {@code {str: "ab", times: N}}. */
    private static Val readRepeat(YamlNode node) {
        if (!node.isMap()) {
            throw node.error("!repeat expects {bin: hex, times: N} or {str: text, times: N}, found " + node.kind());
        }
        var m = node.asMap("!repeat").allowOnly(java.util.List.of("bin", "str", "times"));
        String kind = m.exactlyOneOf(java.util.List.of("bin", "str"));
        byte[] unit = kind.equals("bin")
                ? readHex(m.require("bin"), "!repeat bin")
                : m.require("str").asString("!repeat str").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        long times = m.require("times").asLong("!repeat times");
        if (times < 0 || unit.length * times > MAX_REPEAT_BYTES) {
            throw m.require("times").error("!repeat makes at most " + MAX_REPEAT_BYTES + " bytes; "
                    + unit.length + " x " + times + " is out of range");
        }
        byte[] out = new byte[(int) (unit.length * times)];
        for (int i = 0; i < times; i++) {
            System.arraycopy(unit, 0, out, i * unit.length, unit.length);
        }
        return kind.equals("bin") ? new Val.Bin(out) : new Val.Str(out);
    }

    private static final long MAX_REPEAT_BYTES = 256L << 20;

    private static String requireScalar(YamlNode node, String tag, String expected) {
        if (!node.isScalar()) {
            throw node.error(tag + " expects " + expected + ", found " + node.kind());
        }
        return node.scalarText(expected);
    }

    private static Val readBool(YamlNode node) {
        String text = requireScalar(node, "!!bool", "true or false").toLowerCase(Locale.ROOT);
        return switch (text) {
            case "true" -> new Val.Bool(true);
            case "false" -> new Val.Bool(false);
            default -> throw node.error("!!bool expects true or false, found '" + text + "'");
        };
    }

    static BigInteger parseInteger(String text) {
        var m = INTEGER.matcher(text.strip());
        if (!m.matches()) {
            throw new NumberFormatException();
        }
        String digits = m.group(2).replace("_", "");
        BigInteger v;
        if (digits.startsWith("0x")) {
            v = new BigInteger(digits.substring(2), 16);
        } else if (digits.startsWith("0o")) {
            v = new BigInteger(digits.substring(2), 8);
        } else {
            v = new BigInteger(digits);
        }
        return "-".equals(m.group(1)) ? v.negate() : v;
    }

    private static BigInteger readInt(YamlNode node, String tag, BigInteger min, BigInteger max) {
        String text = requireScalar(node, tag, "an integer");
        BigInteger v;
        try {
            v = parseInteger(text);
        } catch (NumberFormatException e) {
            throw node.error(tag + " expects an integer, found '" + text + "'");
        }
        if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
            throw node.error(tag + " value " + v + " is out of range; MessagePack integers span "
                    + min + " to " + max);
        }
        return v;
    }

    /** YAML core float syntax (incl. .inf and .nan) or an integer literal, as a double. */
    static double parseDouble(String raw) {
        String text = raw.strip();
        String lower = text.toLowerCase(Locale.ROOT);
        switch (lower) {
            case ".inf", "+.inf":
                return Double.POSITIVE_INFINITY;
            case "-.inf":
                return Double.NEGATIVE_INFINITY;
            case ".nan":
                return Double.NaN;
            default:
                break;
        }
        if (DECIMAL_FLOAT.matcher(text).matches()) {
            return Double.parseDouble(text);
        }
        return parseInteger(text).doubleValue();
    }

    private static double readDouble(YamlNode node, String tag) {
        String text = requireScalar(node, tag, "a number");
        try {
            return parseDouble(text);
        } catch (NumberFormatException e) {
            throw node.error(tag + " expects a number such as 1.5, 2, 1e-3, .inf or .nan, found '" + text + "'");
        }
    }

    private static float readFloat32(YamlNode node) {
        double d = readDouble(node, "!float32");
        float f = (float) d;
        if (Double.isFinite(d) && Float.isInfinite(f)) {
            throw node.error("!float32 value " + d + " overflows float32 (largest is " + Float.MAX_VALUE + ")");
        }
        if (d != 0 && f == 0) {
            throw node.error("!float32 value " + d + " underflows to 0 in float32");
        }
        return f;
    }

    private static byte[] readHex(YamlNode node, String tag) {
        String text = requireScalar(node, tag, "hex bytes like \"de ad be ef\"");
        try {
            return Hex.parse(text);
        } catch (IllegalArgumentException e) {
            throw node.error(tag + " expects hex bytes like \"de ad be ef\": " + e.getMessage());
        }
    }

    private static byte[] readBase64(YamlNode node) {
        String text = requireScalar(node, "!!binary", "base64 text");
        try {
            return Base64.getDecoder().decode(text.replaceAll("\\s+", ""));
        } catch (IllegalArgumentException e) {
            throw node.error("!!binary expects base64 text: " + e.getMessage());
        }
    }

    private static Instant readInstant(YamlNode node, String tag) {
        String text = requireScalar(node, tag, "an ISO-8601 instant like 2024-01-01T00:00:00.5Z").strip();
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw node.error(tag + " expects an ISO-8601 instant like 2024-01-01T00:00:00.123456789Z, found '"
                    + text + "'");
        }
    }

    private static Val readExt(YamlNode node) {
        if (!node.isMap()) {
            throw node.error("!ext expects a mapping like {type: 5, data: \"01 02\"}, found " + node.kind());
        }
        YamlMap map = node.asMap("!ext").allowOnly(Set.of("type", "data"));
        YamlNode typeNode = map.require("type");
        long type = typeNode.asLong("the !ext type");
        if (type < -128 || type > 127) {
            throw typeNode.error("!ext type " + type + " is out of range; it must be -128..127");
        }
        byte[] data = map.get("data").map(d -> readHex(d, "!ext data")).orElse(new byte[0]);
        return Decoder.extOrTimestamp((byte) type, data);
    }

    private Val readArray(YamlNode node, int depth) {
        List<Val> items = new ArrayList<>();
        for (YamlNode item : node.asList("an array")) {
            items.add(read(item, depth + 1));
        }
        return new Val.Arr(items);
    }

    private Val readMap(YamlNode node, int depth, boolean ordered) {
        List<Map.Entry<Val, Val>> entries = new ArrayList<>();
        Map<Values.Key, YamlNode> seen = new HashMap<>();
        for (NodeTuple t : ((MappingNode) node.raw()).getValue()) {
            YamlNode keyNode = new YamlNode(t.getKeyNode(), node.location());
            Val key = new Notation(false).readKey(keyNode, depth + 1);
            YamlNode first = seen.putIfAbsent(new Values.Key(key), keyNode);
            if (first != null) {
                throw keyNode.error("duplicate map key " + Render.inline(key)
                        + " (first at line " + first.where().line() + ")");
            }
            entries.add(Map.entry(key, read(new YamlNode(t.getValueNode(), node.location()), depth + 1, true)));
        }
        return new Val.MapV(entries, ordered);
    }

    private Val readKey(YamlNode keyNode, int depth) {
        String tag = keyNode.tag();
        if (MATCHERS.contains(tag)) {
            throw keyNode.error("matcher " + tag + " cannot be a map key; keys must be plain values");
        }
        return read(keyNode, depth);
    }

    private Val readMatcher(YamlNode node, String tag, int depth, boolean mapValue) {
        switch (tag) {
            case "!one-of":
                return new Val.OneOfM(readAlternatives(node, tag, depth, mapValue));
            case "!none-of":
                return new Val.NotM(readAlternatives(node, tag, depth, false), false);
            case "!not":
                // Read as the plain YAML under the tag; a tagged value or a matcher goes in !none-of [...].
                return new Val.NotM(List.of(read(node.retagged(), depth + 1)), true);
            case "!any-order":
            case "!contains":
                return new Val.ItemsM(readAlternatives(node, tag, depth, false), tag.equals("!any-order"));
            case "!absent": {
                String text = requireScalar(node, "!absent", "no value");
                if (!text.isEmpty()) {
                    throw node.error("!absent takes no value, found '" + text + "'");
                }
                if (!mapValue) {
                    throw node.error("!absent says a map key is missing, so it is only allowed as the value of a map"
                            + " key (alone or as an alternative of !one-of)");
                }
                return new Val.AbsentM();
            }
            case "!any": {
                String text = requireScalar(node, "!any", "no value");
                if (!text.isEmpty()) {
                    throw node.error("!any takes no value, found '" + text + "'");
                }
                return new Val.AnyM();
            }
            case "!regex": {
                String text = requireScalar(node, "!regex", "a Java regular expression");
                try {
                    return new Val.RegexM(Pattern.compile(text));
                } catch (PatternSyntaxException e) {
                    throw node.error("!regex has an invalid pattern: " + e.getDescription()
                            + " near index " + e.getIndex() + " of '" + text + "'");
                }
            }
            case "!type": {
                String text = requireScalar(node, "!type", "a type name").strip();
                if (!Val.TypeM.TYPES.contains(text)) {
                    throw node.error("!type expects one of " + String.join("|", Val.TypeM.TYPES)
                            + ", found '" + text + "'");
                }
                return new Val.TypeM(text);
            }
            default:
                return readRange(node);
        }
    }

    /** The list under {@code !one-of}, {@code !none-of}, {@code !any-order} or {@code !contains}. */
    private List<Val> readAlternatives(YamlNode node, String tag, int depth, boolean mapValue) {
        if (!node.isList()) {
            throw node.error(tag + " expects a list like [!type str, !type bin], found " + node.kind());
        }
        List<Val> out = new ArrayList<>();
        for (YamlNode item : node.asList(tag)) {
            out.add(read(item, depth + 1, mapValue));
        }
        if (out.isEmpty() && !tag.equals("!contains")) {
            throw node.error(tag + " needs at least one item");
        }
        return out;
    }

    private Val readRange(YamlNode node) {
        if (!node.isMap()) {
            throw node.error("!range expects a mapping like {min: 1, max: 5}, found " + node.kind());
        }
        YamlMap map = node.asMap("!range").allowOnly(Set.of("min", "max"));
        Val min = map.get("min").map(Notation::readBound).orElse(null);
        Val max = map.get("max").map(Notation::readBound).orElse(null);
        if (min == null && max == null) {
            throw node.error("!range needs min, max or both");
        }
        if (min != null && max != null && Numbers.compare(min, max) > 0) {
            throw node.error("!range min " + Render.inline(min) + " is greater than max " + Render.inline(max));
        }
        return new Val.RangeM(min, max);
    }

    private static Val readBound(YamlNode n) {
        Val v = value(n);
        if (v instanceof Val.Int || (v instanceof Val.F64 d && !Double.isNaN(d.value()))
                || (v instanceof Val.F32 f && !Float.isNaN(f.value()))) {
            return v;
        }
        throw n.error("!range bounds must be numbers, found " + n.kind());
    }
}
