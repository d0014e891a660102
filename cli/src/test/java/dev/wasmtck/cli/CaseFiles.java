package dev.wasmtck.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Case files on the prebuilt test guest (no Docker), written for a test into a folder of its own. */
final class CaseFiles {
    private CaseFiles() {}

    /** {@code cases/echo.yaml} with {@code passing} echo cases, and the guest beside it. */
    static Path echo(Path dir, int passing, String... failingIds) throws IOException {
        Path cases = Files.createDirectories(dir.resolve("cases"));
        if (!Files.exists(cases.resolve("wapc-echo.wasm"))) {
            WasmTckProcess.guest("wapc-echo.wasm", cases);
        }
        StringBuilder yaml = new StringBuilder("""
                format: 1
                abi: wapc
                guest: wapc-echo.wasm
                cases:
                """);
        for (int i = 1; i <= passing; i++) {
            yaml.append("  - id: echo-").append(i).append("\n    function: echo\n    input: !text \"text ").append(i)
                    .append("\"\n    expect: {output: !text \"text ").append(i).append("\"}\n");
        }
        for (String id : failingIds) {
            yaml.append("  - id: ").append(id).append("\n    function: echo\n    input: !text \"").append(id)
                    .append("\"\n    expect: {output: !text \"not ").append(id).append("\"}\n");
        }
        Files.writeString(cases.resolve("echo.yaml"), yaml.toString());
        return cases;
    }
}
