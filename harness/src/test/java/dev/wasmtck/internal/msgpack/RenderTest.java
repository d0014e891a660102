package dev.wasmtck.internal.msgpack;

import static dev.wasmtck.internal.msgpack.Yaml.encode;
import static dev.wasmtck.internal.msgpack.Yaml.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RenderTest {

    private static String describe(String yaml) {
        return Payloads.expectation(node(yaml)).describe();
    }

    @Test
    void scalarsAreAnnotatedWhereAmbiguous() {
        assertEquals("1", describe("1"));
        assertEquals("1.0", describe("!float64 1"));
        assertEquals("!float32 1.5", describe("!float32 1.5"));
        assertEquals("\"text\"", describe("text"));
        assertEquals("\"1\"", describe("\"1\""));
        assertEquals("null", describe("~"));
        assertEquals("!bin \"deadbeef\"", describe("!bin \"de ad be ef\""));
        assertEquals("!ext {type: 5, data: \"0102\"}", describe("!ext {type: 5, data: \"0102\"}"));
        assertEquals("!timestamp 2024-01-01T00:00:00.123456789Z", describe("!timestamp 2024-01-01T00:00:00.123456789Z"));
        assertEquals(".nan", describe(".nan"));
        assertEquals("-.inf", describe("-.inf"));
        assertEquals("\"line\\nbreak \\\"q\\\"\"", describe("\"line\\nbreak \\\"q\\\"\""));
    }

    @Test
    void matchersRenderAsWritten() {
        assertEquals("!any", describe("!any"));
        assertEquals("!regex \"a+\"", describe("!regex a+"));
        assertEquals("!range {min: 1, max: 5.5}", describe("!range {max: 5.5, min: 1}"));
        assertEquals("!type float32", describe("!type float32"));
    }

    @Test
    void blocksAreSortedAndNested() {
        String yaml = """
                zeta: [1, {b: 2, a: 1}, []]
                alpha:
                  "with space": x
                  1: one
                  true: yes
                  "true": s
                empty: {}
                """;
        assertEquals("""
                alpha:
                  true: "yes"
                  1: "one"
                  "true": "s"
                  "with space": "x"
                empty: {}
                zeta:
                  - 1
                  - a: 1
                    b: 2
                  - []""", describe(yaml));
    }

    @Test
    void orderedMapsKeepTheirOrderAndSaySo() {
        assertEquals("""
                !ordered
                b: 1
                a:
                  - !ordered
                    y: 1
                    x: 2""", describe("!ordered {b: 1, a: [!ordered {y: 1, x: 2}]}"));
        assertEquals("m: !ordered\n  b: 1\n  a: 2", describe("m: !ordered {b: 1, a: 2}"));
    }

    @Test
    void longValuesAreCutWithTheirLength() {
        assertEquals("\"" + "x".repeat(200) + "...\" (300 chars)", describe("x".repeat(300)));
        String bin = describe("!bin \"" + "ab".repeat(100) + "\"");
        assertEquals("!bin \"" + "ab".repeat(64) + "...\" (100 bytes)", bin);
    }

    @Test
    void actualSideFollowsTheExpectedOrdering() {
        Mismatch m = Payloads.expectation(node("!ordered {b: 1, a: 2}"))
                .check(encode("!ordered {a: 2, b: 1}")).orElseThrow();
        assertEquals("!ordered\nb: 1\na: 2", m.expectedText());
        assertEquals("a: 2\nb: 1", m.actualText()); // wire order, so the diff shows the swap
        Mismatch sorted = Payloads.expectation(node("{b: 1, a: 3}"))
                .check(encode("!ordered {b: 1, a: 2}")).orElseThrow();
        assertEquals("a: 2\nb: 1", sorted.actualText());
        assertEquals("at $.a: expected int 3 but was int 2", sorted.message());
    }

    @Test
    void renderIsStableForDecodedPayloads() {
        String text = Payloads.render(encode("{b: [1, !float32 2], a: !bin \"00\", c: !timestamp 1970-01-01T00:00:00Z}"));
        assertEquals("""
                a: !bin "00"
                b:
                  - 1
                  - !float32 2.0
                c: !timestamp 1970-01-01T00:00:00Z""", text);
        assertTrue(Payloads.render(new byte[] {(byte) 0xc1}).startsWith("malformed MessagePack: byte 0xc1"));
    }
}
