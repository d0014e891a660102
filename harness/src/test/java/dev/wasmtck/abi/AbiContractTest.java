package dev.wasmtck.abi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wasmtck.abi.bridge.BridgeSettings;
import dev.wasmtck.abi.wapc.WapcSettings;
import dev.wasmtck.host.Abi;
import dev.wasmtck.host.Invocation;
import dev.wasmtck.runtime.Limits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The ABIs' settings as a contract of their own: typed, and readable without the reference hosts. */
class AbiContractTest {
    private static final Path MAIN = Path.of("src/main/java/dev/wasmtck");
    private static final List<String> KIT_ABIS = List.of("wapc", "async-bridge", "wasm-exec");

    private static Invocation call(String abi, Object settings) {
        return new Invocation(abi, "", new byte[0], settings, Limits.DEFAULT);
    }

    @Test
    void aHostReadsTheSettingsAsTheAbisOwnType() {
        WapcSettings s = new WapcSettings(List.of());
        assertThat(call("wapc", s).settings(WapcSettings.class)).containsSame(s);
        assertThat(call("wapc", null).settings(WapcSettings.class)).isEmpty();
    }

    @Test
    void anotherAbisSettingsAreRefusedNamingBothTypes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> call("wapc", BridgeSettings.DEFAULT).settings(WapcSettings.class));
        assertThat(e.getMessage()).isEqualTo("a call of abi 'wapc' carries settings of type "
                + BridgeSettings.class.getName() + ", not " + WapcSettings.class.getName());
    }

    @Test
    void everyAbiParsesSettingsOfTheTypeItDeclares() {
        List<String> names = new ArrayList<>();
        for (Abi<?> abi : ServiceLoader.load(Abi.class)) {
            assertThat(abi.parseSettings(Optional.empty())).as(abi.name()).isInstanceOf(abi.settingsType());
            if (KIT_ABIS.contains(abi.name())) {
                assertThat(abi.settingsType().getPackageName()).as(abi.name()).startsWith("dev.wasmtck.abi.");
            }
            names.add(abi.name());
        }
        assertThat(names).containsAll(KIT_ABIS);
    }

    @Test
    void theSettingsPackagesUseNoReferenceHost() throws IOException {
        assertThat(uses(MAIN.resolve("abi"), "host\\.(wapc|bridge|wasmexec|reference|external|chicory|pool|runtime)"))
                .isEmpty();
    }

    @Test
    void theWasmExecHostAndThePoolsUseNothingOfTheWapcHost() throws IOException {
        // Fake waPC lives with wasm_exec and the waPC host routes to it; the reverse would be a cycle.
        assertThat(uses(MAIN.resolve("internal/host/wasmexec"), "host\\.wapc")).isEmpty();
        assertThat(uses(MAIN.resolve("internal/host/pool"), "host\\.(wapc|wasmexec)")).isEmpty();
    }

    /** The files under {@code dir} that name a class of {@code dev.wasmtck.<packages>}, with the line. */
    private static List<String> uses(Path dir, String packages) throws IOException {
        Pattern named = Pattern.compile("dev\\.wasmtck\\." + packages + "\\.");
        List<String> found = new ArrayList<>();
        assertThat(dir).isDirectory();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    if (named.matcher(lines.get(i)).find()) {
                        found.add(f + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            }
        }
        return found;
    }
}
