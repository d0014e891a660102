package dev.wasmtck.internal.msgpack;

import static dev.wasmtck.internal.msgpack.Yaml.encode;
import static dev.wasmtck.internal.msgpack.Yaml.encodeHex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;

class EncodeTest {

    @Test
    void knownVector() {
        assertEquals("81a76d657373616765ab48656c6c6f20576f726c64", encodeHex("{message: \"Hello World\"}"));
        assertEquals("81a76d657373616765ab48656c6c6f20576f726c64", encodeHex("message: Hello World"));
    }

    @Test
    void scalars() {
        assertEquals("c0", encodeHex("null"));
        assertEquals("c0", encodeHex("~"));
        assertEquals("c3", encodeHex("true"));
        assertEquals("c2", encodeHex("false"));
        assertEquals("a3616263", encodeHex("abc"));
        assertEquals("a131", encodeHex("\"1\""));
        assertEquals("a0", encodeHex("\"\""));
    }

    @Test
    void integersUseTheSmallestEncoding() {
        assertEquals("01", encodeHex("1"));
        assertEquals("ff", encodeHex("-1"));
        assertEquals("cc80", encodeHex("128"));
        assertEquals("d0df", encodeHex("-33"));
        assertEquals("cd0100", encodeHex("256"));
        assertEquals("1f", encodeHex("0x1f"));
        assertEquals("0f", encodeHex("0o17"));
        assertEquals("d38000000000000000", encodeHex("-9223372036854775808"));
        assertEquals("cf7fffffffffffffff", encodeHex("9223372036854775807"));
    }

    @Test
    void integersBeyondInt64AreUint64() {
        assertEquals("cfffffffffffffffff", encodeHex("18446744073709551615"));
        assertEquals("cf8000000000000000", encodeHex("9223372036854775808"));
        assertEquals("cfffffffffffffffff", encodeHex("!uint64 18446744073709551615"));
        assertEquals("2a", encodeHex("!int 42"));
        assertEquals("2a", encodeHex("!uint64 42"));
    }

    @Test
    void floats() {
        assertEquals("cb3ff8000000000000", encodeHex("1.5"));
        assertEquals("cb3ff0000000000000", encodeHex("!float64 1"));
        assertEquals("ca3fc00000", encodeHex("!float32 1.5"));
        assertEquals("ca3f800000", encodeHex("!float32 1"));
        assertEquals("cb7ff0000000000000", encodeHex(".inf"));
        assertEquals("cbfff0000000000000", encodeHex("-.inf"));
        assertEquals("ca7fc00000", encodeHex("!float32 .nan"));
        assertEquals("cb408f400000000000", encodeHex("1e3"));
    }

    @Test
    void forcedString() {
        assertEquals("a3313233", encodeHex("!str 123"));
        assertEquals("a474727565", encodeHex("!str true"));
        assertEquals("a0", encodeHex("!str"));
    }

    @Test
    void binaryFromHexAndBase64() {
        assertEquals("c404deadbeef", encodeHex("!bin \"de ad be ef\""));
        assertEquals("c404deadbeef", encodeHex("!bin 0xDEADBEEF"));
        assertEquals("c400", encodeHex("!bin \"\""));
        assertEquals("c404deadbeef", encodeHex("!!binary 3q2+7w=="));
        assertEquals("c404deadbeef", encodeHex("!!binary |\n  3q2+\n  7w==\n"));
    }

    @Test
    void ext() {
        assertEquals("d5050102", encodeHex("!ext {type: 5, data: \"01 02\"}"));
        assertEquals("c70380010203", encodeHex("!ext {type: -128, data: \"010203\"}"));
        assertEquals("c7007f", encodeHex("!ext {type: 127}"));
    }

    @Test
    void timestampUsesMsgpackTimestampExtension() throws Exception {
        byte[] bytes = encode("!timestamp 2024-01-01T00:00:00.123456789Z");
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(bytes)) {
            assertEquals(Instant.parse("2024-01-01T00:00:00.123456789Z"), u.unpackTimestamp());
        }
        assertEquals("d6ff00000000", encodeHex("!timestamp 1970-01-01T00:00:00Z")); // timestamp32
        assertEquals(encodeHex("!timestamp 2024-01-01T00:00:00Z"), encodeHex("!timestamp 2024-01-01T01:00:00+01:00"));
    }

    @Test
    void containers() {
        assertEquals("93010203", encodeHex("[1, 2, 3]"));
        assertEquals("90", encodeHex("[]"));
        assertEquals("80", encodeHex("{}"));
        assertEquals("82a16101a16292c3c0", encodeHex("a: 1\nb: [true, null]\n"));
        assertEquals("8201a36f6e65a131a3747776", encodeHex("{1: one, \"1\": twv}"));
        assertEquals("81c3c0", encodeHex("{true: null}"));
        assertEquals("82a162" + "01" + "a161" + "02", encodeHex("!ordered {b: 1, a: 2}"));
        assertEquals("81920102a178", encodeHex("? [1, 2]\n: x\n"));
    }

    @Test
    void rawAndText() {
        assertArrayEquals(Yaml.hex("81a76d"), encode("!raw \"81 a7 6d\""));
        assertArrayEquals(Yaml.hex("81a76d"), encode("!raw 0x81A76D"));
        assertArrayEquals(Yaml.hex("c1"), encode("!raw c1")); // not valid MessagePack, sent anyway
        assertArrayEquals(new byte[0], encode("!raw \"\""));
        assertArrayEquals("héllo".getBytes(StandardCharsets.UTF_8), encode("!text héllo"));
    }

    @Test
    void renderDecodesPayloads() {
        assertEquals("message: \"Hello World\"", Payloads.render(encode("{message: \"Hello World\"}")));
        assertEquals("malformed MessagePack: the payload is empty\n(0 bytes)", Payloads.render(new byte[0]));
    }
}
