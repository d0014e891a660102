package dev.wasmtck.internal.host.external;

import dev.wasmtck.internal.yaml.CaseFormatException;
import dev.wasmtck.internal.yaml.SourceRef;
import dev.wasmtck.internal.yaml.YamlFiles;
import dev.wasmtck.internal.yaml.YamlMap;
import dev.wasmtck.internal.yaml.YamlNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The declaration of one external host (docs/host-protocol.md#declaring-a-host): its id, the command
 * that starts its adapter, the ABIs it serves and how long the kit waits beyond a case's own limit.
 *
 * @param abis the ABIs the adapter serves; its hello must list each of them
 * @param startTimeout how long an adapter may take to say hello
 * @param loadTimeout how long an adapter may take to compile a module (not the case's time: the kit's own
 *     hosts prepare a module outside any case's limit too)
 * @param grace how long past a case's own time limit the kit waits for an answer before it kills the adapter
 */
public record AdapterSpec(String id, List<String> command, Path directory, Set<String> abis, Duration startTimeout,
        Duration loadTimeout, Duration grace, String declaredIn) {

    private static final List<String> KEYS = List.of("format", "id", "command", "directory", "abis", "start-timeout", "load-timeout",
            "grace");

    public AdapterSpec {
        command = List.copyOf(command);
        abis = Set.copyOf(abis);
    }

    /** How a message names this adapter: its id, program and declaration. */
    public String describe() {
        return "adapter '" + id + "' (" + Path.of(command.get(0)).getFileName() + ", declared in " + declaredIn + ")";
    }

    /** Reads a declaration file; a problem is a {@link CaseFormatException} naming file:line. */
    public static AdapterSpec read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CaseFormatException(new SourceRef(file.toString(), 0), "cannot read the host declaration: " + e);
        }
        List<YamlNode> docs = YamlFiles.compose(text, file.toString());
        if (docs.size() != 1) {
            throw new CaseFormatException(new SourceRef(file.toString(), 0), "a host declaration is one YAML document");
        }
        YamlMap m = docs.get(0).asMap("the host declaration").allowOnly(KEYS);
        if (m.has("format") && m.require("format").asInt("format") != 1) {
            throw m.require("format").error("format must be 1");
        }
        String id = m.require("id").asString("id");
        if (!id.matches("[a-z0-9][a-z0-9._-]*")) {
            throw m.require("id").error("id must be lower case letters, digits, '.', '_' or '-', found '" + id + "'");
        }
        List<String> command = m.require("command").asStringList("command");
        if (command.isEmpty()) {
            throw m.require("command").error("command is empty: give the program and its arguments");
        }
        Path base = file.toAbsolutePath().getParent();
        Path directory = m.get("directory").map(n -> base.resolve(n.asString("directory"))).orElse(base);
        Set<String> abis = Set.copyOf(m.require("abis").asStringList("abis"));
        Duration start = m.get("start-timeout").map(n -> n.asDuration("start-timeout")).orElse(Duration.ofSeconds(60));
        Duration load = m.get("load-timeout").map(n -> n.asDuration("load-timeout")).orElse(Duration.ofSeconds(120));
        Duration grace = m.get("grace").map(n -> n.asDuration("grace")).orElse(Duration.ofSeconds(5));
        return new AdapterSpec(id, command, directory, abis, start, load, grace, file.toString());
    }
}
