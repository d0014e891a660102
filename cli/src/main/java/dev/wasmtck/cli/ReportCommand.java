package dev.wasmtck.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wasmtck.internal.engine.report.Reports;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wasm-tck report}: work with the JSON reports runs write (docs/reports.md). */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Works with conformance reports.",
        subcommands = ReportCommand.Merge.class)
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return WasmTck.USAGE;
    }

    @Command(name = "merge", mixinStandardHelpOptions = true,
            description = {"Merges the JSON reports of several runs (shards of one run, or runs on different hosts)"
                    + " into one: prints the combined matrix and writes its JSON and HTML reports.",
                    "Exits 1 when a required case failed in any of them."},
            footerHeading = "%nExample:%n",
            footer = "  wasm-tck report merge shard-1/conformance-report.json shard-2/conformance-report.json --report-dir all")
    static final class Merge implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "REPORT", arity = "1..*", description = "conformance-report.json files.")
        List<Path> reports;

        @Option(names = "--report-dir", paramLabel = "DIR", defaultValue = "wasm-tck-report",
                description = "Where the merged conformance-report.json and .html go (default: ${DEFAULT-VALUE}).")
        Path reportDir;

        @Override
        public Integer call() throws IOException {
            ObjectMapper json = new ObjectMapper();
            List<String> names = new ArrayList<>();
            List<Map<String, Object>> parsed = new ArrayList<>();
            for (Path p : reports) {
                try {
                    parsed.add(json.readValue(p.toFile(), new TypeReference<Map<String, Object>>() {}));
                    names.add(p.toString());
                } catch (IOException e) {
                    throw new ParameterException(spec.commandLine(), p + ": not a readable JSON report: " + e.getMessage());
                }
            }
            Reports merged;
            try {
                merged = Reports.merge(names, parsed);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            Files.createDirectories(reportDir);
            Path jsonFile = reportDir.resolve("conformance-report.json").toAbsolutePath().normalize();
            Path htmlFile = reportDir.resolve("conformance-report.html").toAbsolutePath().normalize();
            Files.writeString(jsonFile, merged.json(), StandardCharsets.UTF_8);
            Files.writeString(htmlFile, merged.html(), StandardCharsets.UTF_8);
            PrintWriter out = spec.commandLine().getOut();
            out.print(merged.text());
            out.println("reports: " + jsonFile + "\n         " + htmlFile);
            out.flush();
            return merged.requiredFailed() > 0 ? WasmTck.FAILED : WasmTck.OK;
        }
    }
}
