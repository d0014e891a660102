package dev.wasmtck.msgpack;

import dev.wasmtck.yaml.YamlNode;

/** STUB: replaced by the msgpack work. Case notation for payloads. */
public final class Payloads {
    private Payloads() {}

    public static byte[] encode(YamlNode node) {
        throw new UnsupportedOperationException("msgpack notation not merged yet");
    }

    public static String render(byte[] payload) {
        return java.util.HexFormat.of().formatHex(payload);
    }

    public static PayloadExpectation expectation(YamlNode node) {
        throw new UnsupportedOperationException("msgpack notation not merged yet");
    }
}
