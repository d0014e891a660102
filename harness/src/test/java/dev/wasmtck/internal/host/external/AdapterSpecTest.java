package dev.wasmtck.internal.host.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wasmtck.internal.yaml.CaseFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Host declaration files: what they say, and a bad one named by file and line. */
class AdapterSpecTest {
    @TempDir
    Path dir;

    private Path write(String yaml) throws Exception {
        Path file = dir.resolve("host.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void readsADeclaration() throws Exception {
        AdapterSpec spec = AdapterSpec.read(write("id: wapc-go\nabis: [wapc]\ncommand: [./adapter, --quiet]\ngrace: 2s\n"));
        assertThat(spec.id()).isEqualTo("wapc-go");
        assertThat(spec.abis()).isEqualTo(Set.of("wapc"));
        assertThat(spec.command()).isEqualTo(List.of("./adapter", "--quiet"));
        assertThat(spec.directory()).isEqualTo(dir.toAbsolutePath());
        assertThat(spec.grace()).isEqualTo(Duration.ofSeconds(2));
        assertThat(spec.startTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(spec.describe()).isEqualTo("adapter 'wapc-go' (adapter, declared in " + dir.resolve("host.yaml") + ")");
    }

    @Test
    void badDeclarationsNameFileAndLine() throws Exception {
        Path noCommand = write("id: x\nabis: [wapc]\ncommand: []\n");
        assertThatThrownBy(() -> AdapterSpec.read(noCommand)).isInstanceOf(CaseFormatException.class)
                .hasMessageContaining(noCommand + ":3").hasMessageContaining("command is empty");
        Path badId = write("id: Wapc Go\nabis: [wapc]\ncommand: [x]\n");
        assertThatThrownBy(() -> AdapterSpec.read(badId)).hasMessageContaining(badId + ":1")
                .hasMessageContaining("id must be lower case");
        Path unknownKey = write("id: x\nabis: [wapc]\ncommand: [x]\ntimeout: 3s\n");
        assertThatThrownBy(() -> AdapterSpec.read(unknownKey)).hasMessageContaining(unknownKey + ":4")
                .hasMessageContaining("timeout");
    }
}
