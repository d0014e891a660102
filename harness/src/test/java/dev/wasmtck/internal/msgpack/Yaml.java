package dev.wasmtck.internal.msgpack;

import dev.wasmtck.internal.yaml.YamlFiles;
import dev.wasmtck.internal.yaml.YamlNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HexFormat;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/** Test helpers: YAML text to a node, hex to bytes, hand-packed payloads. */
final class Yaml {
    private Yaml() {}

    static YamlNode node(String yaml) {
        return YamlFiles.compose(yaml, "t.yaml").get(0);
    }

    static byte[] encode(String yaml) {
        return Payloads.encode(node(yaml));
    }

    static String encodeHex(String yaml) {
        return HexFormat.of().formatHex(encode(yaml));
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    interface Packing {
        void pack(MessageBufferPacker p) throws IOException;
    }

    static byte[] pack(Packing body) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            body.pack(p);
            p.flush();
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
