package dev.wasmtck.internal.host;

import dev.wasmtck.internal.yaml.YamlNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An answer computed from what the guest sent, without Java: {@code "Hello {payload}!"}. A field
 * is a name in braces, optionally with a filter ({@code |upper} or {@code |lower}); a doubled brace
 * stands for one. A plain field inserts the guest's bytes as they are, so binary payloads pass through;
 * the case filters need UTF-8 text.
 */
public final class ReplyTemplate {
    private static final List<String> FILTERS = List.of("upper", "lower");

    private record Part(byte[] literal, String field, String filter) {}

    private final String source;
    private final List<Part> parts;

    private ReplyTemplate(String source, List<Part> parts) {
        this.source = source;
        this.parts = parts;
    }

    /** Reads a template, naming the node's line for an unknown field or filter, or a stray brace. */
    public static ReplyTemplate parse(YamlNode node, List<String> fields) {
        String text = node.asString("a template");
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c == '{' || c == '}') && i + 1 < text.length() && text.charAt(i + 1) == c) {
                literal.append(c);
                i++;
            } else if (c == '}') {
                throw node.error("template has a '}' at position " + i + " that closes nothing; write }} for a brace");
            } else if (c == '{') {
                int end = text.indexOf('}', i);
                if (end < 0) {
                    throw node.error("template has a '{' at position " + i + " that is never closed; write {{ for a brace");
                }
                String[] spec = text.substring(i + 1, end).strip().split("\\|", -1);
                String field = spec[0].strip();
                if (!fields.contains(field)) {
                    throw node.error("template field {" + field + "} is unknown; fields here are " + fields);
                }
                String filter = spec.length > 1 ? spec[1].strip() : null;
                if (spec.length > 2 || filter != null && !FILTERS.contains(filter)) {
                    throw node.error("template field {" + text.substring(i + 1, end) + "} has an unknown filter;"
                            + " write {" + field + "}, {" + field + "|upper} or {" + field + "|lower}");
                }
                parts.add(new Part(literal.toString().getBytes(StandardCharsets.UTF_8), null, null));
                literal.setLength(0);
                parts.add(new Part(null, field, filter));
                i = end;
            } else {
                literal.append(c);
            }
        }
        parts.add(new Part(literal.toString().getBytes(StandardCharsets.UTF_8), null, null));
        return new ReplyTemplate(text, List.copyOf(parts));
    }

    /**
     * The answer for these field values.
     *
     * @throws IllegalArgumentException when a filtered field is not UTF-8 text (the host answers an error)
     */
    public byte[] apply(Map<String, byte[]> values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Part p : parts) {
            if (p.literal() != null) {
                out.writeBytes(p.literal());
                continue;
            }
            byte[] value = values.get(p.field());
            if (p.filter() != null) {
                String text = utf8(value, p.field());
                value = (p.filter().equals("upper") ? text.toUpperCase(Locale.ROOT) : text.toLowerCase(Locale.ROOT))
                        .getBytes(StandardCharsets.UTF_8);
            }
            out.writeBytes(value);
        }
        return out.toByteArray();
    }

    private String utf8(byte[] value, String field) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("template \"" + source + "\" changes the case of {" + field
                    + "}, which is not UTF-8 text (" + value.length + " bytes)");
        }
    }

    @Override
    public String toString() {
        return source;
    }
}
