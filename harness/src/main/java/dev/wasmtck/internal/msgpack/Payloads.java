package dev.wasmtck.internal.msgpack;

import dev.wasmtck.internal.yaml.YamlNode;
import java.nio.charset.StandardCharsets;

/**
 * The case notation for payloads: a MessagePack value written in YAML (see docs/msgpack-notation.md),
 * or a whole payload given as {@code !raw} hex or {@code !text}.
 */
public final class Payloads {
    private Payloads() {}

    /** The bytes to send for a payload node. Bad notation throws a CaseFormatException at the node's line. */
    public static byte[] encode(YamlNode node) {
        return switch (node.tag()) {
            case "!raw" -> raw(node);
            case "!text" -> text(node).getBytes(StandardCharsets.UTF_8);
            default -> Encoder.encode(Notation.value(node));
        };
    }

    /** What a case expects of a result payload. Bad notation throws a CaseFormatException at the node's line. */
    public static PayloadExpectation expectation(YamlNode node) {
        return switch (node.tag()) {
            case "!raw" -> new Expectations.Exact(raw(node));
            case "!text" -> new Expectations.Text(text(node));
            default -> new Expectations.Structural(Notation.expected(node));
        };
    }

    /**
     * A readable, multi-line rendering of a MessagePack payload, for logs and messages; a payload
     * that is not one well-formed value is shown as a hex dump with the reason.
     */
    public static String render(byte[] payload) {
        try {
            return Render.block(Decoder.decode(payload));
        } catch (Decoder.MalformedException e) {
            return "malformed MessagePack: " + e.getMessage() + "\n" + Hex.dump(payload, Expectations.MAX_DUMP_BYTES);
        }
    }

    private static byte[] raw(YamlNode node) {
        if (!node.isScalar()) {
            throw node.error("!raw expects hex bytes like \"81 a7 6d\", found " + node.kind());
        }
        try {
            return Hex.parse(node.scalarText("hex bytes"));
        } catch (IllegalArgumentException e) {
            throw node.error("!raw expects hex bytes like \"81 a7 6d\": " + e.getMessage());
        }
    }

    private static String text(YamlNode node) {
        if (!node.isScalar()) {
            throw node.error("!text expects a string, found " + node.kind());
        }
        return node.scalarText("a string");
    }
}
