package dev.wasmtck.internal.msgpack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wasmtck.internal.yaml.CaseFormatException;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;

class RepeatTest {

    @Test
    void repeatsBinAndStrUnits() throws IOException {
        byte[] bin = Yaml.encode("!repeat {bin: \"00ff\", times: 524288}");
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(bin)) {
            int n = u.unpackBinaryHeader();
            assertThat(n).isEqualTo(1 << 20);
            byte[] data = u.readPayload(n);
            assertThat(data[0]).isEqualTo((byte) 0);
            assertThat(data[(1 << 20) - 1]).isEqualTo((byte) 0xff);
        }
        byte[] str = Yaml.encode("!repeat {str: \"é\", times: 3}");
        assertThat(MessagePack.newDefaultUnpacker(str).unpackString()).isEqualTo("ééé");
    }

    @Test
    void aRepeatedValueComparesLikeTheLiteral() {
        byte[] actual = Yaml.encode("!bin \"abababab\"");
        assertThat(Payloads.expectation(Yaml.node("!repeat {bin: ab, times: 4}")).check(actual)).isEmpty();
        assertThat(Payloads.expectation(Yaml.node("!repeat {bin: ab, times: 5}")).check(actual)).isPresent();
    }

    @Test
    void rejectsBadShapesWithTheirLine() {
        assertThatThrownBy(() -> Yaml.encode("!repeat {bin: ab, str: x, times: 1}"))
                .isInstanceOf(CaseFormatException.class).hasMessageContaining("only one of");
        assertThatThrownBy(() -> Yaml.encode("!repeat {bin: ab, times: 999999999999}"))
                .isInstanceOf(CaseFormatException.class).hasMessageContaining("at most");
    }
}
