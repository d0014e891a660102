package dev.wasmtck.abi.wapc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmtck.internal.msgpack.Payloads;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;

/** What a run keeps of its host calls for {@code expect.host-calls} is bounded, however many a guest makes. */
class HostCallsBoundTest {

    @Test
    void payloadsPastTheBoundAreKeptAsSizeAndDigestAndCallsPastTheCountAreCounted() throws Exception {
        HostCalls calls = new HostCalls(WapcSettings.DEFAULT);
        byte[] mib = new byte[1 << 20];
        int n = (HostCalls.KEPT_BYTES >> 20) + 4;
        for (int i = 0; i < n; i++) {
            calls.answer("b", "n", "o", mib);
        }
        byte[] encoded = calls.encoded();
        assertThat(encoded.length).isLessThan(HostCalls.KEPT_BYTES + (1 << 20));
        String text = Payloads.render(encoded);
        assertThat(text).contains("payload-size: 1048576", "payload-sha256: \"30e14955ebf1352266dc2ff8067e68104607e750abb9d3b36582b8af909fcb58\"");
        try (MessageUnpacker in = MessagePack.newDefaultUnpacker(encoded)) {
            assertThat(in.unpackArrayHeader()).isEqualTo(n);
        }
    }

    @Test
    void callsBeyondTheCountAreOnlyCounted() throws Exception {
        HostCalls calls = new HostCalls(WapcSettings.DEFAULT);
        for (int i = 0; i < HostCalls.KEPT_CALLS + 5; i++) {
            calls.answer("b", "n", "o", new byte[0]);
        }
        byte[] encoded = calls.encoded();
        try (MessageUnpacker in = MessagePack.newDefaultUnpacker(encoded)) {
            assertThat(in.unpackArrayHeader()).isEqualTo(HostCalls.KEPT_CALLS + 1);
        }
        assertThat(Payloads.render(encoded)).endsWith("- omitted-calls: 5");
    }

    @Test
    void noCallsAreAnEmptyArrayAndARecordDecodesToWhatWasCalled() throws Exception {
        HostCalls calls = new HostCalls(WapcSettings.DEFAULT);
        try (MessageUnpacker in = MessagePack.newDefaultUnpacker(calls.encoded())) {
            assertThat(in.unpackArrayHeader()).isZero();
            assertThat(in.hasNext()).isFalse();
        }
        String longName = "n".repeat(300);
        calls.answer("bé", longName, "o", new byte[] {7});
        try (MessageUnpacker in = MessagePack.newDefaultUnpacker(calls.encoded())) {
            assertThat(in.unpackArrayHeader()).isEqualTo(1);
            assertThat(in.unpackMapHeader()).isEqualTo(4);
            for (String[] kv : new String[][] {{"binding", "bé"}, {"namespace", longName}, {"operation", "o"}}) {
                assertThat(in.unpackString()).isEqualTo(kv[0]);
                assertThat(in.unpackString()).isEqualTo(kv[1]);
            }
            assertThat(in.unpackString()).isEqualTo("payload");
            assertThat(in.readPayload(in.unpackBinaryHeader())).containsExactly(7);
            assertThat(in.hasNext()).isFalse();
        }
    }

    @Test
    void withinTheBoundEveryPayloadIsKeptWhole() {
        HostCalls calls = new HostCalls(WapcSettings.DEFAULT);
        calls.answer("b", "n", "o", new byte[] {1, 2});
        assertThat(Payloads.render(calls.encoded())).contains("payload: !bin \"0102\"").doesNotContain("sha256");
    }
}
