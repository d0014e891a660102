package dev.wasmtck.internal.msgpack;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * YAML-like text for values, close to the case notation so a reader can copy it back into a case.
 * Type tags appear only where plain YAML would be ambiguous. Map keys are sorted (unless the map is
 * ordered) so two renderings diff cleanly.
 */
final class Render {
    static final int MAX_STR_CHARS = 200;
    static final int MAX_BIN_BYTES = 64;
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
    private static final Pattern PATH_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern YAML_WORD = Pattern.compile("(?i)true|false|null|~|\\.inf|\\.nan");

    private Render() {}

    /** The multi-line rendering of a value. */
    static String block(Val v) {
        return block(v, null);
    }

    /**
     * The rendering of an actual value, taking map ordering from the expected tree ({@code hint}),
     * so the actual side of a diff lines up with the expected side.
     */
    static String block(Val v, Val hint) {
        return String.join("\n", lines(v, hint));
    }

    private static List<String> lines(Val v, Val hint) {
        List<String> out = new ArrayList<>();
        if (v instanceof Val.MapV m && !m.entries().isEmpty()) {
            boolean ordered = m.ordered() || (hint instanceof Val.MapV h && h.ordered());
            if (m.ordered()) {
                out.add("!ordered");
            }
            Map<Values.Key, Val> hints = hint instanceof Val.MapV h ? Values.index(h) : Map.of();
            for (Map.Entry<Val, Val> e : entries(m, ordered)) {
                Val value = e.getValue();
                Val childHint = hints.get(new Values.Key(e.getKey()));
                String head = key(e.getKey()) + ":";
                if (isNonEmptyContainer(value)) {
                    List<String> sub = lines(value, childHint);
                    int start = 0;
                    if (sub.get(0).equals("!ordered")) {
                        head += " !ordered";
                        start = 1;
                    }
                    out.add(head);
                    for (String line : sub.subList(start, sub.size())) {
                        out.add("  " + line);
                    }
                } else {
                    out.add(head + " " + inline(value));
                }
            }
        } else if (v instanceof Val.Arr a && !a.items().isEmpty()) {
            List<Val> hintItems = hint instanceof Val.Arr h ? h.items() : List.of();
            for (int i = 0; i < a.items().size(); i++) {
                Val item = a.items().get(i);
                Val childHint = i < hintItems.size() ? hintItems.get(i) : null;
                List<String> sub = isNonEmptyContainer(item) ? lines(item, childHint) : List.of(inline(item));
                out.add("- " + sub.get(0));
                for (String line : sub.subList(1, sub.size())) {
                    out.add("  " + line);
                }
            }
        } else {
            out.add(inline(v));
        }
        return out;
    }

    private static boolean isNonEmptyContainer(Val v) {
        return (v instanceof Val.MapV m && !m.entries().isEmpty()) || (v instanceof Val.Arr a && !a.items().isEmpty());
    }

    static List<Map.Entry<Val, Val>> entries(Val.MapV m, boolean keepOrder) {
        List<Map.Entry<Val, Val>> list = new ArrayList<>(m.entries());
        if (!keepOrder) {
            list.sort(Map.Entry.comparingByKey(KEY_ORDER));
        }
        return list;
    }

    /** A map key as it would stand before the colon. */
    static String key(Val k) {
        if (k instanceof Val.Str s && s.validUtf8()) {
            String t = s.text();
            if (PLAIN_KEY.matcher(t).matches() && !YAML_WORD.matcher(t).matches()) {
                return t;
            }
        }
        return inline(k);
    }

    /** A path step to a map entry: {@code .name}, {@code ["odd name"]} or {@code {1}} for non-string keys. */
    static String pathStep(Val k) {
        if (k instanceof Val.Str s) {
            String t = s.text();
            return PATH_KEY.matcher(t).matches() ? "." + t : "[" + quote(t, Integer.MAX_VALUE) + "]";
        }
        return "{" + inline(k) + "}";
    }

    /** A key as named in a problem: {@code 'msg'} for strings, the inline rendering otherwise. */
    static String keyName(Val k) {
        return k instanceof Val.Str s ? "'" + s.text() + "'" : inline(k);
    }

    /** One-line flow rendering; long strings and bins are cut with a note of their full length. */
    static String inline(Val v) {
        if (v instanceof Val.Nil) {
            return "null";
        }
        if (v instanceof Val.Bool b) {
            return Boolean.toString(b.value());
        }
        if (v instanceof Val.Int i) {
            return i.value().toString();
        }
        if (v instanceof Val.F64 d) {
            return f64(d.value());
        }
        if (v instanceof Val.F32 f) {
            return "!float32 " + f32(f.value());
        }
        if (v instanceof Val.Str s) {
            return str(s);
        }
        if (v instanceof Val.Bin b) {
            return "!bin " + hex(b.bytes());
        }
        if (v instanceof Val.Ext e) {
            return "!ext {type: " + e.type() + ", data: " + hex(e.data()) + "}";
        }
        if (v instanceof Val.Ts t) {
            return "!timestamp " + t.instant();
        }
        if (v instanceof Val.Arr a) {
            return list(a.items());
        }
        if (v instanceof Val.MapV m) {
            List<String> parts = new ArrayList<>();
            for (Map.Entry<Val, Val> e : entries(m, m.ordered())) {
                parts.add(key(e.getKey()) + ": " + inline(e.getValue()));
            }
            return (m.ordered() ? "!ordered " : "") + "{" + String.join(", ", parts) + "}";
        }
        if (v instanceof Val.AnyM) {
            return "!any";
        }
        if (v instanceof Val.RegexM r) {
            return "!regex " + quote(r.pattern().pattern(), Integer.MAX_VALUE);
        }
        if (v instanceof Val.TypeM t) {
            return "!type " + t.type();
        }
        if (v instanceof Val.AbsentM) {
            return "!absent";
        }
        if (v instanceof Val.NotM n && n.single()) {
            return "!not " + inline(n.excluded().get(0));
        }
        if (v instanceof Val.NotM n) {
            return "!none-of " + list(n.excluded());
        }
        if (v instanceof Val.OneOfM o) {
            return "!one-of " + list(o.alternatives());
        }
        if (v instanceof Val.ItemsM i) {
            return "!" + i.typeName() + " " + list(i.items());
        }
        Val.RangeM r = (Val.RangeM) v;
        List<String> parts = new ArrayList<>();
        if (r.min() != null) {
            parts.add("min: " + inline(r.min()));
        }
        if (r.max() != null) {
            parts.add("max: " + inline(r.max()));
        }
        return "!range {" + String.join(", ", parts) + "}";
    }

    /** Flow list of inline renderings: {@code [!type str, !type bin]}. */
    static String list(List<Val> items) {
        List<String> parts = new ArrayList<>();
        for (Val item : items) {
            parts.add(inline(item));
        }
        return "[" + String.join(", ", parts) + "]";
    }

    /** Type and value for a problem line, e.g. {@code int 1}, {@code float64 1.0}, {@code map of 2 entries}. */
    static String described(Val v) {
        if (v instanceof Val.Nil) {
            return "nil";
        }
        if (v instanceof Val.F32 f) {
            return "float32 " + f32(f.value());
        }
        if (v instanceof Val.Bin b) {
            return "bin " + hex(b.bytes());
        }
        if (v instanceof Val.Ext e) {
            return "ext type " + e.type() + " " + hex(e.data());
        }
        if (v instanceof Val.Ts t) {
            return "timestamp " + t.instant();
        }
        if (v instanceof Val.Arr a) {
            return "array of " + a.items().size() + (a.items().size() == 1 ? " item" : " items");
        }
        if (v instanceof Val.MapV m) {
            return "map of " + m.entries().size() + (m.entries().size() == 1 ? " entry" : " entries");
        }
        if (v instanceof Val.Matcher) {
            return inline(v);
        }
        return v.typeName() + " " + inline(v);
    }

    static String f64(double d) {
        if (Double.isNaN(d)) {
            return ".nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? ".inf" : "-.inf";
        }
        return Double.toString(d);
    }

    static String f32(float f) {
        if (Float.isNaN(f)) {
            return ".nan";
        }
        if (Float.isInfinite(f)) {
            return f > 0 ? ".inf" : "-.inf";
        }
        return Float.toString(f);
    }

    private static String hex(byte[] bytes) {
        if (bytes.length <= MAX_BIN_BYTES) {
            return "\"" + Hex.compact(bytes) + "\"";
        }
        return "\"" + Hex.compact(bytes, 0, MAX_BIN_BYTES) + "...\" (" + bytes.length + " bytes)";
    }

    private static String str(Val.Str s) {
        String q = quote(s.text(), MAX_STR_CHARS);
        return s.validUtf8() ? q : q + " (invalid UTF-8: " + hex(s.utf8()) + ")";
    }

    /** A double-quoted string with escapes; cut after {@code max} code points with the full length noted. */
    static String quote(String s, int max) {
        StringBuilder sb = new StringBuilder("\"");
        int count = 0;
        int total = s.codePointCount(0, s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (count++ == max) {
                return sb.append("...\" (").append(total).append(" chars)").toString();
            }
            switch (cp) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (cp < 0x20 || cp == 0x7f || cp == 0xfffd) {
                        sb.append(String.format("\\u%04x", cp));
                    } else {
                        sb.appendCodePoint(cp);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    private static final List<Class<?>> TYPE_RANK = List.of(Val.Nil.class, Val.Bool.class, Val.Int.class,
            Val.F32.class, Val.F64.class, Val.Str.class, Val.Bin.class, Val.Ext.class, Val.Ts.class,
            Val.Arr.class, Val.MapV.class);

    /** Total, stable order for keys: by type, then naturally within a type. */
    static final Comparator<Val> KEY_ORDER = (a, b) -> {
        int ra = TYPE_RANK.indexOf(a.getClass());
        int rb = TYPE_RANK.indexOf(b.getClass());
        if (ra != rb) {
            return Integer.compare(ra, rb);
        }
        if (a instanceof Val.Int x) {
            return x.value().compareTo(((Val.Int) b).value());
        }
        if (a instanceof Val.F32 x) {
            return Float.compare(x.value(), ((Val.F32) b).value());
        }
        if (a instanceof Val.F64 x) {
            return Double.compare(x.value(), ((Val.F64) b).value());
        }
        if (a instanceof Val.Str x) {
            return x.text().compareTo(((Val.Str) b).text());
        }
        if (a instanceof Val.Ts x) {
            return x.instant().compareTo(((Val.Ts) b).instant());
        }
        return inline(a).compareTo(inline(b));
    };
}
