package dev.wasmtck.host.external;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Declares Java adapters of this test classpath as external hosts, in files the tests pass to the kit. */
final class Adapters {
    private Adapters() {}

    /** Writes {@code <dir>/<id>.yaml} declaring {@code mainClass} (with {@code args}) as host {@code id}. */
    static Path declare(Path dir, String id, String grace, Class<?> mainClass, String... args) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classpath, mainClass.getName()));
        command.addAll(List.of(args));
        StringBuilder yaml = new StringBuilder("format: 1\nid: " + id + "\nabis: [wapc]\ngrace: " + grace + "\ncommand:\n");
        for (String part : command) {
            yaml.append("  - '").append(part.replace("'", "''")).append("'\n");
        }
        Path file = dir.resolve(id + ".yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
