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
import dev.wasmtck.internal.host.wasmexec.JsModuleShape;
import dev.wasmtck.module.ModuleReader;
import dev.wasmtck.internal.msgpack.Payloads;
import dev.wasmtck.internal.runtime.chicory.ChicoryRuntime;
import dev.wasmtck.internal.yaml.YamlFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A waPC guest built with TinyGo's js/wasm target (wat/tinygo-wapc-wasm.wat): it exports TinyGo's
 * {@code resume} and {@code go_scheduler} but imports from {@code wapc}, so the waPC host runs it as a
 * real waPC guest, started with {@code _start}.
 */
class TinyGoWapcTest {
    static PreparedGuest guest;

    private static byte[] fixture(String name) throws Exception {
        return Files.readAllBytes(Path.of("src/test/resources/wat", name + ".wasm"));
    }

    /** The waPC host's prepared guest and the shape the waPC rules recognise in it. */
    private static PreparedGuest onWapcHost(String name) throws Exception {
        return new WapcHost(new ChicoryRuntime(true)).prepare(new GuestModule(name, fixture(name)));
    }

    private static Optional<String> recognised(String name) throws Exception {
        return new WapcAbi().recogniseShape(ModuleReader.read(name, fixture(name)));
    }

    @BeforeAll
    static void prepare() throws Exception {
        guest = onWapcHost("tinygo-wapc-wasm");
    }

    private static Outcome call(String op, String payload, String handlers) throws GuestFault {
        WapcSettings s = handlers == null ? WapcSettings.DEFAULT : new WapcAbi().parseSettings(
                Optional.of(YamlFiles.compose(handlers, "case.yaml").get(0).asMap("host")));
        return guest.run(new Invocation("wapc", op, payload.getBytes(StandardCharsets.UTF_8), s, Limits.DEFAULT));
    }

    @Test
    void importingFromWapcMakesItARealWapcGuestWhateverItExports() throws Exception {
        var shape = ModuleReader.read("tinygo-wapc-wasm", fixture("tinygo-wapc-wasm"));
        assertThat(shape.export("resume")).isPresent();
        assertThat(JsModuleShape.of(shape)).isEmpty();
        assertThat(recognised("tinygo-wapc-wasm")).contains("waPC, initialised with _start");
        assertThat(guest.toString()).doesNotContain("fake waPC");
    }

    @Test
    void helloAnswersAfterItsHostCallOnceStartHasRun() throws GuestFault {
        Outcome out = call("hello", "world", "handlers: [{namespace: example, operation: greet, echo: true}]");
        assertThat(new String(out.output(), StandardCharsets.UTF_8)).isEqualTo("Hello, world");
        assertThat(out.stdout()).isEqualTo("hello called\n");
        assertThat(Payloads.render(out.hostCalls())).contains("binding: \"tinygo\"", "namespace: \"example\"",
                "operation: \"greet\"");
    }

    @Test
    void itsErrorsAreGuestErrors() {
        GuestFault unknown = assertThrows(GuestFault.class, () -> call("other", "", null));
        assertThat(unknown.kind()).isEqualTo(Kind.GUEST_ERROR);
        assertThat(unknown.getMessage()).isEqualTo("unknown operation");
        GuestFault noHandler = assertThrows(GuestFault.class, () -> call("hello", "x", null));
        assertThat(noHandler.getMessage()).isEqualTo("host call failed");
    }

    @Test
    void aCSharedReactorIsInitialisedThenRegistersItsOperations() throws Exception {
        Outcome out = onWapcHost("tinygo-wapc-reactor").run(new Invocation("wapc", "echo", "hi".getBytes(StandardCharsets.UTF_8),
                WapcSettings.DEFAULT, Limits.DEFAULT));
        assertThat(new String(out.output(), StandardCharsets.UTF_8)).isEqualTo("hi");
        assertThat(recognised("tinygo-wapc-reactor")).contains("waPC, initialised with _initialize then wapc_init");
    }
}
