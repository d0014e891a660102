package dev.wasmtck.internal.host.wapc;

import dev.wasmtck.abi.wapc.WapcSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.runtime.GuestFault.Kind;
import dev.wasmtck.host.GuestModule;
import dev.wasmtck.host.Invocation;
import dev.wasmtck.runtime.Limits;
import dev.wasmtck.host.Outcome;
import dev.wasmtck.host.PreparedGuest;
import dev.wasmtck.internal.msgpack.Payloads;
import dev.wasmtck.internal.yaml.YamlFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The waPC host against wat/wapc-mini.wat, one error-semantics row per test. */
class WapcHostTest {
    static PreparedGuest guest;

    @BeforeAll
    static void prepare() throws Exception {
        byte[] wasm = Files.readAllBytes(Path.of("src/test/resources/wat/wapc-mini.wasm"));
        guest = new WapcHost(new dev.wasmtck.internal.runtime.chicory.ChicoryRuntime(true)).prepare(new GuestModule("wapc-mini", wasm));
    }

    private static WapcSettings handlers(String yaml) {
        return new WapcAbi().parseSettings(Optional.of(YamlFiles.compose(yaml, "case.yaml").get(0).asMap("host")));
    }

    private static Outcome call(String op, String payload, WapcSettings settings) throws GuestFault {
        return guest.run(new Invocation("wapc", op, payload.getBytes(StandardCharsets.UTF_8), settings, Limits.DEFAULT));
    }

    @Test
    void echoesThePayload() throws GuestFault {
        assertThat(new String(call("echo", "hi there", WapcSettings.DEFAULT).output(), StandardCharsets.UTF_8))
                .isEqualTo("hi there");
        assertThat(call("echo", "", WapcSettings.DEFAULT).output()).isEmpty();
    }

    @Test
    void errorRows() {
        assertThat(assertThrows(GuestFault.class, () -> call("err", "", WapcSettings.DEFAULT)))
                .hasMessage("bad").extracting(GuestFault::kind).isEqualTo(Kind.GUEST_ERROR);
        assertThat(assertThrows(GuestFault.class, () -> call("other", "", WapcSettings.DEFAULT)))
                .hasMessage("call to \"other\" was unsuccessful");
        assertThat(assertThrows(GuestFault.class, () -> call("ok", "", WapcSettings.DEFAULT)).kind())
                .isEqualTo(Kind.PROTOCOL);
        GuestFault trap = assertThrows(GuestFault.class, () -> call("", "", WapcSettings.DEFAULT));
        assertThat(trap.kind()).isEqualTo(Kind.TRAP);
        assertThat(trap.getMessage()).contains("\"bad\"", "a trap wins");
    }

    @Test
    void hostCallsAreAnsweredByTheFirstMatchingHandlerAndRecorded() throws GuestFault {
        WapcSettings s = handlers("handlers: [{namespace: init, respond: !text ready}, {operation: o, echo: true}]");
        Outcome out = call("h", "ping", s);
        assertThat(new String(out.output(), StandardCharsets.UTF_8)).isEqualTo("ping");
        assertThat(Payloads.render(out.hostCalls())).contains("namespace: \"init\"", "operation: \"o\"", "70696e67");
    }

    @Test
    void aHostErrorReachesTheGuestInUtf8() {
        WapcSettings s = handlers("handlers: [{operation: o, error: \"échec ✓\"}]");
        GuestFault f = assertThrows(GuestFault.class, () -> call("h", "x", s));
        assertThat(f.getMessage()).isEqualTo("échec ✓");
    }

    @Test
    void noHandlerFailsTheHostCallWithAMessageNamingIt() {
        GuestFault f = assertThrows(GuestFault.class, () -> call("h", "x", WapcSettings.DEFAULT));
        assertThat(f.getMessage()).isEqualTo("no host handler for binding \"b\", namespace \"n\", operation \"o\"");
    }

    @Test
    void modulesOutsideTheAbiDoNotLink() throws Exception {
        byte[] bridge = Files.readAllBytes(Path.of("src/test/resources/wat/echo-seed-malloc.wasm"));
        GuestFault f = assertThrows(GuestFault.class, () -> new WapcHost(new dev.wasmtck.internal.runtime.chicory.ChicoryRuntime(false)).prepare(new GuestModule("x", bridge)));
        assertThat(f.kind()).isEqualTo(Kind.LINK);
        assertThat(List.of(f.getMessage())).anyMatch(m -> m.contains("__guest_call") || m.contains("memory"));
    }
}
