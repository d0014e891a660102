package dev.wasmtck.suite;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The published JSON Schema (what editors use) accepts every case file we ship, and rejects bad ones. */
class CaseFilesMatchSchemaTest {
    private static final Path ROOT = Path.of(System.getProperty("maven.multiModuleProjectDirectory",
            Path.of("").toAbsolutePath().getParent().toString()));
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final JsonSchema SCHEMA = schema();

    private static JsonSchema schema() {
        try {
            JsonNode node = new ObjectMapper().readTree(ROOT.resolve("docs/case-format-v1.schema.json").toFile());
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Path> caseFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(ROOT.resolve("conformance-suite/src/main/resources/conformance"))) {
            // suite.yaml is the suite manifest, not a case file.
            return walk.filter(p -> p.toString().endsWith(".yaml") && !p.getFileName().toString().equals("suite.yaml"))
                    .sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("caseFiles")
    void shippedCaseFileIsValid(Path file) throws IOException {
        Set<ValidationMessage> errors = SCHEMA.validate(YAML.readTree(file.toFile()));
        assertThat(errors).as(file.toString()).isEmpty();
    }

    @Test
    void schemaRejectsUnknownKeysMissingExpectationsAndBadKinds() throws IOException {
        String bad = """
                abi: async-bridge
                guest: c/message
                cases:
                  - id: a
                    inptu: 1
                    expect: {output: 1}
                  - id: b
                  - id: c
                    expect: {error: {kind: explosion}}
                """;
        Set<ValidationMessage> errors = SCHEMA.validate(YAML.readTree(bad));
        assertThat(errors).extracting(ValidationMessage::getMessage).anyMatch(m -> m.contains("inptu"))
                .anyMatch(m -> m.contains("expect")).anyMatch(m -> m.contains("kind"));
    }

    @Test
    void schemaChecksConcurrentCases() throws IOException {
        String good = """
                abi: wapc
                guest: c/wapc-echo
                cases:
                  - id: a
                    host: {handlers: [{operation: echo, echo: true, barrier: 2}, {namespace: kv, java: kv-get}]}
                    concurrent: {pool: 2, calls: [{function: echo, expect: {output: 1}}]}
                    expect: {instances: {min: 1}}
                """;
        assertThat(SCHEMA.validate(YAML.readTree(good))).isEmpty();
        String bad = """
                abi: wapc
                guest: c/wapc-echo
                cases:
                  - id: a
                    function: echo
                    concurrent: {pool: 2, calls: [{function: echo, expect: {output: 1}}]}
                  - id: b
                    concurrent: {rounds: 2, calls: [{function: echo}]}
                  - id: c
                    host: {handlers: [{operation: echo, echo: true, barrier: 1}]}
                    concurrent: {pool: 1, calls: [{expect: {exit: 0}}]}
                    expect: {output: 1}
                """;
        Set<ValidationMessage> errors = SCHEMA.validate(YAML.readTree(bad));
        assertThat(errors).extracting(ValidationMessage::getMessage)
                .anyMatch(m -> m.contains("function") || m.contains("not"))
                .anyMatch(m -> m.contains("pool") || m.contains("callers"))
                .anyMatch(m -> m.contains("expect"))
                .anyMatch(m -> m.contains("barrier"))
                .anyMatch(m -> m.contains("exit"))
                .anyMatch(m -> m.contains("output"));
    }

    @Test
    void schemaKnowsLevelsAndCapabilities() throws IOException {
        String good = """
                level: optional
                requires: [timeout, wasm-exec.host-js]
                abi: wasm-exec
                guest: go/hello
                cases:
                  - {id: a, level: required, requires: memory-limit, expect: {exit: 0}}
                """;
        assertThat(SCHEMA.validate(YAML.readTree(good))).isEmpty();
        String bad = """
                level: mandatory
                abi: wasm-exec
                guest: go/hello
                cases:
                  - {id: a, requires: [Not A Capability], expect: {exit: 0}}
                """;
        assertThat(SCHEMA.validate(YAML.readTree(bad))).extracting(ValidationMessage::getMessage)
                .anyMatch(m -> m.contains("level")).anyMatch(m -> m.contains("requires"));
    }

    @Test
    void schemaKnowsTemplatesAndInitTimeouts() throws IOException {
        String good = """
                abi: wapc
                guest: c/wapc-echo
                init-timeout: 30s
                cases:
                  - id: a
                    init-timeout: 5s
                    timeout: 500ms
                    host: {handlers: [{operation: greet, template: "Hello {payload}!"}]}
                    expect: {output: !text "Hello x!", host-calls: !contains [{operation: greet}]}
                """;
        assertThat(SCHEMA.validate(YAML.readTree(good))).isEmpty();
        String bad = """
                abi: wapc
                guest: c/wapc-echo
                cases:
                  - id: a
                    init-timeout: soon
                    host: {handlers: [{operation: greet, template: "{payload}", echo: true}]}
                    expect: {output: 1}
                """;
        assertThat(SCHEMA.validate(YAML.readTree(bad))).extracting(ValidationMessage::getMessage)
                .anyMatch(m -> m.contains("init-timeout")).anyMatch(m -> m.contains("handlers"));
    }
}
