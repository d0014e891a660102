package dev.wasmtck.internal.msgpack;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A MessagePack value as the kit sees it: decoded payloads and notation share this model.
 * Unlike msgpack-core's Value API it keeps float32 apart from float64, which type-exact comparison needs.
 * Matcher variants appear only in expected trees.
 */
sealed interface Val {

    /** The type name used in messages and by {@code !type}. */
    String typeName();

    record Nil() implements Val {
        static final Nil INSTANCE = new Nil();

        public String typeName() {
            return "nil";
        }
    }

    record Bool(boolean value) implements Val {
        public String typeName() {
            return "bool";
        }
    }

    /** Any integer from int64 min to uint64 max; the wire width is deliberately forgotten. */
    record Int(BigInteger value) implements Val {
        public String typeName() {
            return "int";
        }
    }

    record F32(float value) implements Val {
        public String typeName() {
            return "float32";
        }
    }

    record F64(double value) implements Val {
        public String typeName() {
            return "float64";
        }
    }

    /** Raw bytes, because a guest may send a str that is not valid UTF-8 and we still want to show it. */
    record Str(byte[] utf8) implements Val {
        static Str of(String s) {
            return new Str(s.getBytes(StandardCharsets.UTF_8));
        }

        String text() {
            return new String(utf8, StandardCharsets.UTF_8);
        }

        boolean validUtf8() {
            return Arrays.equals(text().getBytes(StandardCharsets.UTF_8), utf8);
        }

        public String typeName() {
            return "str";
        }
    }

    record Bin(byte[] bytes) implements Val {
        public String typeName() {
            return "bin";
        }
    }

    record Arr(List<Val> items) implements Val {
        public String typeName() {
            return "array";
        }
    }

    /** Entries in wire or file order; {@code ordered} only matters on the expected side. */
    record MapV(List<Map.Entry<Val, Val>> entries, boolean ordered) implements Val {
        public String typeName() {
            return "map";
        }
    }

    record Ext(byte type, byte[] data) implements Val {
        public String typeName() {
            return "ext";
        }
    }

    /** Extension type -1; equal instants are equal whatever timestamp32/64/96 encoding carried them. */
    record Ts(Instant instant) implements Val {
        public String typeName() {
            return "timestamp";
        }
    }

    /** Marker for the matcher variants, which never come out of a payload. */
    sealed interface Matcher extends Val {}

    record AnyM() implements Matcher {
        public String typeName() {
            return "any";
        }
    }

    record RegexM(Pattern pattern) implements Matcher {
        public String typeName() {
            return "regex";
        }
    }

    /** Bounds are ints or float64s (either may be null); comparison is numeric across widths. */
    record RangeM(Val min, Val max) implements Matcher {
        public String typeName() {
            return "range";
        }
    }

    /** {@code !one-of [a, b]}: the value satisfies at least one alternative (each an expected tree). */
    record OneOfM(List<Val> alternatives) implements Matcher {
        public String typeName() {
            return "one-of";
        }
    }

    /** {@code !not x} ({@code single}) or {@code !none-of [a, b]}: the value satisfies none of {@code excluded}. */
    record NotM(List<Val> excluded, boolean single) implements Matcher {
        public String typeName() {
            return single ? "not" : "none-of";
        }
    }

    /** {@code !absent}: as the value of a map key, the key must be missing (or, in {@code !one-of}, may be). */
    record AbsentM() implements Matcher {
        public String typeName() {
            return "absent";
        }
    }

    /**
     * {@code !any-order [a, b]} ({@code exhaustive}): an array holding items that match these, one each, in
     * any order and no others; {@code !contains [a, b]}: an array with such items among any others.
     */
    record ItemsM(List<Val> items, boolean exhaustive) implements Matcher {
        public String typeName() {
            return exhaustive ? "any-order" : "contains";
        }
    }

    record TypeM(String type) implements Matcher {
        static final List<String> TYPES = List.of(
                "int", "float", "float32", "float64", "str", "bin", "bool", "nil", "array", "map", "ext", "timestamp");

        public String typeName() {
            return "type";
        }
    }
}
