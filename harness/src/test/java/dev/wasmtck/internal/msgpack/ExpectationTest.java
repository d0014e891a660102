package dev.wasmtck.internal.msgpack;

import static dev.wasmtck.internal.msgpack.Yaml.encode;
import static dev.wasmtck.internal.msgpack.Yaml.hex;
import static dev.wasmtck.internal.msgpack.Yaml.node;
import static dev.wasmtck.internal.msgpack.Yaml.pack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpectationTest {

    private static Optional<Mismatch> check(String expectedYaml, byte[] actual) {
        return Payloads.expectation(node(expectedYaml)).check(actual);
    }

    /** Compares an expectation with the encoding of another notation value. */
    private static Optional<Mismatch> check(String expectedYaml, String actualYaml) {
        return check(expectedYaml, encode(actualYaml));
    }

    private static void assertMatches(String expectedYaml, String actualYaml) {
        Optional<Mismatch> m = check(expectedYaml, actualYaml);
        assertTrue(m.isEmpty(), () -> m.get().message());
    }

    private static Mismatch assertMismatch(String expectedYaml, byte[] actual, String path, String problem) {
        Mismatch m = check(expectedYaml, actual).orElseThrow(() -> new AssertionError("expected a mismatch"));
        assertEquals(path, m.path(), m.message());
        assertEquals(problem, m.problem());
        return m;
    }

    private static Mismatch assertMismatch(String expectedYaml, String actualYaml, String path, String problem) {
        return assertMismatch(expectedYaml, encode(actualYaml), path, problem);
    }

    @Test
    void equalValuesMatch() {
        assertMatches("{message: \"Hello World\"}", "{message: \"Hello World\"}");
        assertMatches("[1, 2.5, !float32 1.5, null, true, abc, !bin \"00\"]",
                "[1, 2.5, !float32 1.5, null, true, abc, !bin \"00\"]");
        assertMatches("!ext {type: 5, data: \"0102\"}", "!ext {type: 5, data: \"0102\"}");
        assertMatches("!timestamp 2024-01-01T00:00:00.123456789Z", "!timestamp 2024-01-01T00:00:00.123456789Z");
        assertMatches("{1: one, \"1\": two}", "{\"1\": two, 1: one}");
        assertMatches("18446744073709551615", "!uint64 18446744073709551615");
        assertMatches(".nan", ".nan");
    }

    @Test
    void intWidthsDoNotMatter() {
        assertTrue(check("1", pack(p -> p.packByte((byte) 1))).isEmpty());
        assertTrue(check("1", hex("cc01")).isEmpty()); // uint8
        assertTrue(check("1", hex("ce00000001")).isEmpty()); // uint32
        assertTrue(check("1", hex("d30000000000000001")).isEmpty()); // int64
        assertTrue(check("-1", hex("d1ffff")).isEmpty()); // int16
        assertTrue(check("255", hex("cf00000000000000ff")).isEmpty()); // uint64
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "1                | 1.0              | expected int 1 but was float64 1.0",
        "1.0              | 1                | expected float64 1.0 but was int 1",
        "!float32 1.5     | 1.5              | expected float32 1.5 but was float64 1.5",
        "1.5              | !float32 1.5     | expected float64 1.5 but was float32 1.5",
        "abc              | !bin \"616263\"   | expected str \"abc\" but was bin \"616263\"",
        "!bin \"616263\"   | abc              | expected bin \"616263\" but was str \"abc\"",
        "\"1\"            | 1                | expected str \"1\" but was int 1",
        "null             | false            | expected nil but was bool false",
        "0                | false            | expected int 0 but was bool false",
        "[]               | {}               | expected array of 0 items but was map of 0 entries",
        "1                | 2                | expected int 1 but was int 2",
        "0.0              | -0.0             | expected float64 0.0 but was float64 -0.0",
        "!ext {type: 1}   | !ext {type: 2}   | expected ext type 1 \"\" but was ext type 2 \"\"",
        "!timestamp 2024-01-01T00:00:00Z | !ext {type: 1, data: \"00000000\"} | expected timestamp 2024-01-01T00:00:00Z but was ext type 1 \"00000000\"",
    })
    void typeExact(String expected, String actual, String problem) {
        assertMismatch(expected, actual, "$", problem);
    }

    @Test
    void timestampEqualityIgnoresEncodingWidth() {
        // 1970-01-01T00:00:01Z as timestamp96 instead of the smallest timestamp32
        byte[] ts96 = hex("c70cff" + "00000000" + "0000000000000001");
        assertTrue(check("!timestamp 1970-01-01T00:00:01Z", ts96).isEmpty());
        assertTrue(check("!ext {type: -1, data: \"00000001\"}", ts96).isEmpty());
        assertTrue(check("!type timestamp", ts96).isEmpty());
        byte[] viaPacker = pack(p -> p.packTimestamp(Instant.parse("2024-05-06T07:08:09.5Z")));
        assertTrue(check("!timestamp 2024-05-06T07:08:09.5Z", viaPacker).isEmpty());
    }

    @Test
    void mapKeyOrderIgnoredUnlessOrdered() {
        assertMatches("{a: 1, b: 2}", "!ordered {b: 2, a: 1}");
        assertMatches("!ordered {b: 2, a: 1}", "!ordered {b: 2, a: 1}");
        assertMismatch("!ordered {a: 1, b: 2}", "!ordered {b: 2, a: 1}", "$",
                "key 'b' is at position 0 where 'a' was expected (this map is !ordered)");
        assertMismatch("!ordered {a: 1, b: 2}", "!ordered {a: 1, c: 2}", "$", "missing key 'b'");
        assertMismatch("!ordered {a: 1}", "!ordered {a: 1, c: 2}", "$", "unexpected key 'c'");
        assertMismatch("!ordered {a: 1, b: 2}", "!ordered {a: 1, b: 3}", "$.b", "expected int 2 but was int 3");
    }

    @Test
    void missingAndUnexpectedKeys() {
        assertMismatch("{msg: hi, n: 1}", "{n: 1}", "$", "missing key 'msg'");
        assertMismatch("{n: 1}", "{n: 1, extra: true}", "$", "unexpected key 'extra'");
        assertMismatch("{1: a}", "{2: a}", "$", "missing key 1");
        // the first difference in rendering (sorted) order wins
        assertMismatch("{a: 1, z: 1}", "{a: 2}", "$.a", "expected int 1 but was int 2");
    }

    @Test
    void duplicateKeysInTheActualMapAreReported() {
        byte[] dup = pack(p -> {
            p.packMapHeader(2);
            p.packString("a").packInt(1);
            p.packString("a").packInt(1);
        });
        assertMismatch("{a: 1}", dup, "$", "duplicate key 'a' in the actual map");
    }

    @Test
    void arrays() {
        assertMismatch("[1, 2, 3]", "[1, 2]", "$", "array length 2, expected 3");
        assertMismatch("[1, 2]", "[1, 2, 3]", "$", "array length 3, expected 2");
        assertMismatch("[1, 2, 3]", "[1, 5, 3]", "$[1]", "expected int 2 but was int 5");
    }

    @Test
    void paths() {
        assertMismatch("{a: {b: [0, {c: 1}]}}", "{a: {b: [0, {c: 2}]}}", "$.a.b[1].c", "expected int 1 but was int 2");
        assertMismatch("{\"key with space\": 1}", "{\"key with space\": 2}", "$[\"key with space\"]",
                "expected int 1 but was int 2");
        assertMismatch("{1: {x: 1}}", "{1: {x: 2}}", "${1}.x", "expected int 1 but was int 2");
        assertMismatch("{true: [1]}", "{true: [2]}", "${true}[0]", "expected int 1 but was int 2");
        assertMismatch("{\"q\\\"\": 1}", "{\"q\\\"\": 2}", "$[\"q\\\"\"]", "expected int 1 but was int 2");
    }

    @Test
    void anyMatcher() {
        assertMatches("!any", "null");
        assertMatches("{id: !any , n: 1}", "{id: [1, {x: 2}], n: 1}");
        assertMismatch("{id: !any \"\"}", "{n: 1}", "$", "missing key 'id'");
    }

    @Test
    void regexMatcher() {
        assertMatches("!regex \"req-[0-9]+\"", "req-42");
        assertMismatch("!regex \"req-[0-9]+\"", "xreq-42", "$", "expected a str matching \"req-[0-9]+\" but was \"xreq-42\"");
        assertMismatch("!regex \"1\"", "1", "$", "expected a str matching \"1\" but was int 1");
        assertMismatch("!regex \".*\"", new byte[] {(byte) 0xa1, (byte) 0xff}, "$",
                "expected a str matching \".*\" but the str is not valid UTF-8: \"\\ufffd\" (invalid UTF-8: \"ff\")");
    }

    @Test
    void rangeMatcher() {
        assertMatches("!range {min: 1, max: 5}", "1");
        assertMatches("!range {min: 1, max: 5}", "5");
        assertMatches("!range {min: 1, max: 5}", "2.5");
        assertMatches("!range {min: 1, max: 5}", "!float32 4.5");
        assertMatches("!range {min: 0}", "18446744073709551615");
        assertMatches("!range {max: 0.5}", "-.inf");
        assertMatches("!range {min: 0.1, max: 0.1}", "0.1");
        assertMismatch("!range {min: 1, max: 5}", "6", "$", "expected a number >= 1 and <= 5 but was int 6");
        assertMismatch("!range {min: 1}", "0.5", "$", "expected a number >= 1 but was float64 0.5");
        assertMismatch("!range {max: 1}", "!float32 1.5", "$", "expected a number <= 1 but was float32 1.5");
        assertMismatch("!range {min: 1}", ".nan", "$", "expected a number >= 1 but was float64 .nan");
        assertMismatch("!range {min: 1}", "\"2\"", "$", "expected a number >= 1 but was str \"2\"");
        // float32 0.1 is slightly above float64 0.1: the comparison is exact, not rounded
        assertMismatch("!range {max: 0.1}", "!float32 0.1", "$", "expected a number <= 0.1 but was float32 0.1");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "int       | 18446744073709551615",
        "int       | -3",
        "float     | !float32 1",
        "float     | 1.0",
        "float32   | !float32 1",
        "float64   | 1.0",
        "str       | \"\"",
        "bin       | !bin \"\"",
        "bool      | false",
        "nil       | null",
        "array     | [1]",
        "map       | {a: 1}",
        "ext       | !ext {type: 3}",
        "ext       | !timestamp 2024-01-01T00:00:00Z",
        "timestamp | !timestamp 2024-01-01T00:00:00Z",
    })
    void typeMatcherAccepts(String type, String actual) {
        assertMatches("!type " + type, actual);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "int       | 1.0     | expected any int but was float64 1.0",
        "float     | 1       | expected any float but was int 1",
        "float32   | 1.0     | expected any float32 but was float64 1.0",
        "float64   | !float32 1 | expected any float64 but was float32 1.0",
        "str       | !bin \"\" | expected any str but was bin \"\"",
        "bin       | \"\"    | expected any bin but was str \"\"",
        "bool      | null    | expected any bool but was nil",
        "nil       | false   | expected any nil but was bool false",
        "array     | {}      | expected any array but was map of 0 entries",
        "map       | []      | expected any map but was array of 0 items",
        "ext       | 1       | expected any ext but was int 1",
        "timestamp | !ext {type: 3} | expected any timestamp but was ext type 3 \"\"",
    })
    void typeMatcherRejects(String type, String actual, String problem) {
        assertMismatch("!type " + type, actual, "$", problem);
    }

    @Test
    void matchersNestInsideStructures() {
        assertMatches("{id: !regex \"[a-f0-9]{8}\", at: !type timestamp, n: !range {min: 1}, tags: [!any \"\", x]}",
                "{tags: [[1], x], n: 3, at: !timestamp 2024-01-01T00:00:00Z, id: deadbeef}");
        assertMismatch("{items: [{n: !range {max: 2}}]}", "{items: [{n: 3}]}", "$.items[0].n",
                "expected a number <= 2 but was int 3");
    }

    @Test
    void oneOfAcceptsAnyAlternativeAndListsEveryReason() {
        assertMatches("!one-of [!type str, !type bin]", "abc");
        assertMatches("!one-of [!type str, !type bin]", "!bin \"00\"");
        assertMatches("{a: !one-of [1, {b: !type int}]}", "{a: {b: 2}}");
        assertMismatch("!one-of [!type str, !type bin]", "5", "$",
                "expected one of [!type str, !type bin] but was int 5, which matches none of them:"
                        + " (1) !type str: expected any str but was int 5; (2) !type bin: expected any bin but was int 5");
        assertMismatch("{a: !one-of [1, {b: !type int}]}", "{a: {b: x}}", "$.a",
                "expected one of [1, {b: !type int}] but was map of 1 entry, which matches none of them:"
                        + " (1) 1: expected int 1 but was map of 1 entry; (2) {b: !type int}: at $.a.b:"
                        + " expected any int but was str \"x\"");
    }

    @Test
    void absentKeysAreAcceptedOnlyWhereSaid() {
        assertMatches("{a: 1, b: !one-of [null, !absent \"\"]}", "{a: 1}");
        assertMatches("{a: 1, b: !one-of [null, !absent \"\"]}", "{a: 1, b: null}");
        assertMatches("{a: 1, b: !absent \"\"}", "{a: 1}");
        assertMatches("!ordered {a: 1, b: !one-of [null, !absent \"\"], c: 3}", "!ordered {a: 1, c: 3}");
        assertMismatch("{a: 1, b: !one-of [null, !absent \"\"]}", "{a: 1, b: 0}", "$.b",
                "expected one of [null, !absent] but was int 0, which matches none of them:"
                        + " (1) null: expected nil but was int 0; (2) !absent: the key is present");
        assertMismatch("{a: 1, b: !absent \"\"}", "{a: 1, b: 2}", "$.b", "expected the key to be absent but it holds int 2");
        assertMismatch("{a: 1, b: null}", "{a: 1}", "$", "missing key 'b'");
    }

    @Test
    void notAndNoneOfRejectWhatTheyName() {
        assertMatches("!not hello", "hi");
        assertMatches("{code: !not 0}", "{code: 3}");
        assertMatches("!none-of [!type nil, !bin \"\"]", "!bin \"00\"");
        assertMismatch("{code: !not 0}", "{code: 0}", "$.code", "expected anything but 0 but was int 0");
        assertMismatch("!not {a: !any \"\"}", "{a: 7}", "$", "expected anything but {a: !any} but was map of 1 entry");
        assertMismatch("!none-of [!type nil, !bin \"\"]", "!bin \"\"", "$",
                "expected none of [!type nil, !bin \"\"] but was bin \"\", which matches alternative (2) !bin \"\"");
    }

    @Test
    void anyOrderPairsEveryItemOnce() {
        assertMatches("!any-order [1, 2, 3]", "[3, 1, 2]");
        // A first-fit pairing would give 1 to !type int and leave nothing for 1.
        assertMatches("!any-order [!type int, 1]", "[1, 2]");
        assertMismatch("!any-order [1, 2]", "[2, 2]", "$", "!any-order: expected item [0] 1 has no partner among the"
                + " 2 actual items: [0] expected int 1 but was int 2; [1] expected int 1 but was int 2");
        assertMismatch("!any-order [1, 2]", "[2, 1, 1]", "$",
                "!any-order: actual item [2] 1 matches no expected item (array length 3, expected 2)");
        assertMismatch("!any-order [1, 1]", "[1, 2]", "$", "!any-order: expected item [1] 1 has no partner among"
                + " the 2 actual items: [0] is paired with expected item [0]; [1] expected int 1 but was int 2");
        assertMismatch("{calls: !any-order [1]}", "{calls: x}", "$.calls",
                "!any-order expected an array but was str \"x\"");
    }

    @Test
    void containsAcceptsOtherItems() {
        assertMatches("!contains [{op: b}]", "[{op: a}, {op: b, n: 1}, {op: b}]");
        assertMatches("!contains []", "[1]");
        assertMismatch("!contains [{op: c}]", "[{op: a}, {op: b}, {op: c, n: 1}, {op: d}]", "$",
                "!contains: expected item [0] {op: \"c\"} has no partner among the 4 actual items:"
                        + " [0] at $[0].op: expected str \"c\" but was str \"a\";"
                        + " [1] at $[1].op: expected str \"c\" but was str \"b\"; [2] unexpected key 'n'; and 1 more");
    }

    @Test
    void documentedExampleWorksInBlockStyle() {
        String expected = """
                id: !regex "[0-9a-f]{32}"
                created: !type timestamp
                score: !range {min: 0, max: 1}
                debug: !any
                """;
        assertMatches(expected, "{id: " + "ab".repeat(16) + ", created: !timestamp 2024-01-01T00:00:00Z,"
                + " score: !float32 0.25, debug: [1]}");
        assertMismatch(expected, "{id: " + "ab".repeat(16) + ", created: !timestamp 2024-01-01T00:00:00Z,"
                + " score: 1.5, debug: null}", "$.score", "expected a number >= 0 and <= 1 but was float64 1.5");
    }

    @Test
    void malformedPayloads() {
        Mismatch m = assertMismatch("{a: 1}", hex("81a161"), "$",
                "the guest returned malformed MessagePack: the payload ends in the middle of a value (at offset 3);"
                        + " bytes: 81 a1 61 (3 bytes)");
        assertTrue(m.actualText().startsWith("malformed MessagePack:\n00000000: 81 a1 61"), m.actualText());
        assertEquals("a: 1", m.expectedText());
        assertMismatch("1", hex("0102"), "$",
                "the guest returned malformed MessagePack: 1 trailing bytes after the value, starting at offset 1;"
                        + " bytes: 01 02 (2 bytes)");
        assertMismatch("1", new byte[0], "$",
                "the guest returned malformed MessagePack: the payload is empty; bytes:  (0 bytes)");
        assertProblemContains("1", hex("c1"), "0xc1");
        // lengths beyond the payload are caught before anything is allocated
        assertProblemContains("!any", hex("c67fffffff"), "a bin declares 2147483647 bytes but only 0 remain");
        assertProblemContains("!any", hex("c6ffffffff"), "a declared length of 4294967295 exceeds the 5-byte payload");
        assertProblemContains("!any", hex("dd7fffffff"), "array of 2147483647 items");
        assertProblemContains("!any", hex("ddffffffff"), "4294967295");
        assertProblemContains("!any", hex("a5616263"), "a str declares 5 bytes");
        byte[] deep = new byte[10_000];
        java.util.Arrays.fill(deep, (byte) 0x91);
        assertProblemContains("!any", deep, "nested deeper than");
    }

    private static void assertProblemContains(String expectedYaml, byte[] actual, String fragment) {
        String problem = check(expectedYaml, actual).orElseThrow().problem();
        assertTrue(problem.contains(fragment), problem);
    }

    @Test
    void rawIsByteExact() {
        assertTrue(check("!raw \"81 a1 61 01\"", hex("81a16101")).isEmpty());
        Mismatch m = assertMismatch("!raw \"81 a1 61 01\"", hex("81a16102"), "$",
                "bytes differ at offset 3: expected 0x01 but was 0x02");
        assertEquals("00000000: 81 a1 61 01\n(4 bytes)", m.expectedText());
        assertEquals("00000000: 81 a1 61 02\n(4 bytes)", m.actualText());
        assertMismatch("!raw \"01 02\"", hex("01"), "$", "the payload ends after 1 bytes, expected 2");
        assertMismatch("!raw \"01\"", hex("0102"), "$",
                "the payload has 1 extra bytes after the expected 1, starting at offset 1");
        // int width does matter for raw
        assertMismatch("!raw \"01\"", hex("cc01"), "$", "bytes differ at offset 0: expected 0x01 but was 0xcc");
    }

    @Test
    void textIsExactUtf8() {
        assertTrue(check("!text héllo", "héllo".getBytes(StandardCharsets.UTF_8)).isEmpty());
        Mismatch m = assertMismatch("!text hello", "help".getBytes(StandardCharsets.UTF_8), "$",
                "expected text \"hello\" but was \"help\" (first difference at byte 3)");
        assertEquals("!text \"hello\"", m.expectedText());
        assertEquals("!text \"help\"", m.actualText());
        assertEquals("!text \"hello\"", Payloads.expectation(node("!text hello")).describe());
        Mismatch bad = check("!text hi", hex("68ff")).orElseThrow();
        assertTrue(bad.problem().contains("invalid UTF-8 68 ff"), bad.problem());
    }

    @Test
    void longStringsAndBinsSayWhereTheyDiffer() {
        String a = "x".repeat(300);
        String b = "x".repeat(250) + "y" + "x".repeat(49);
        Mismatch m = check("\"" + a + "\"", "\"" + b + "\"").orElseThrow();
        assertTrue(m.problem().endsWith("(lengths 300 and 300, first difference at char 250)"), m.problem());
        assertTrue(m.expectedText().endsWith("...\" (300 chars)"), m.expectedText());
        byte[] big = new byte[100];
        byte[] other = big.clone();
        other[70] = 1;
        Mismatch mb = check("!bin \"" + Hex.compact(big) + "\"", pack(p -> p.packBinaryHeader(100).writePayload(other)))
                .orElseThrow();
        assertTrue(mb.problem().endsWith("(lengths 100 and 100, first difference at byte 70)"), mb.problem());
    }

    @Test
    void bigUint64ComparesByValue() {
        byte[] max = pack(p -> p.packBigInteger(new BigInteger("18446744073709551615")));
        assertTrue(check("18446744073709551615", max).isEmpty());
        assertMismatch("-1", max, "$", "expected int -1 but was int 18446744073709551615");
    }
}
