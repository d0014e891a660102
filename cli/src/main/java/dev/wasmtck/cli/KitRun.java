package dev.wasmtck.cli;

import dev.wasmtck.Constants;
import dev.wasmtck.internal.engine.report.Reports;
import dev.wasmtck.internal.engine.Shard;
import dev.wasmtck.engine.WasmConformanceEngine;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * One run of the kit's engine through the JUnit Platform Launcher, as Surefire runs it: the same
 * discovery, the same ServiceLoader listeners (the matrix and reports, Open Test Reporting) and
 * filters (sharding). The command adds only progress and the exit code.
 */
final class KitRun {
    private KitRun() {}

    /**
     * Runs the selected cases with these configuration keys; the rerun command printed for each
     * failure is {@code rerun} with {@code {select}} standing for the failed case.
     */
    static int execute(List<? extends DiscoverySelector> selectors, Map<String, String> keys, KitOptions options,
            String rerun, PrintStream err) throws IOException {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectors)
                .filters(EngineFilter.includeEngines(WasmConformanceEngine.ENGINE_ID))
                .configurationParameters(keys)
                .configurationParameter(Constants.RERUN_COMMAND, rerun)
                .build();
        Outcome outcome = new Outcome();
        boolean live = switch (options.progress) {
            case live -> true;
            case auto -> System.console() != null && !"dumb".equals(System.getenv("TERM"));
            default -> false;
        };
        Launcher launcher = LauncherFactory.create();
        if (options.progress == KitOptions.ProgressMode.off) {
            launcher.execute(request, outcome);
        } else {
            launcher.execute(request, outcome, new Progress(err, live));
        }
        if (!outcome.configurationErrors().isEmpty()) {
            err.println("wasm-tck: " + String.join("\n", outcome.configurationErrors()));
            return WasmTck.USAGE;
        }
        if (outcome.tests() == 0) {
            if (keys.containsKey(Constants.SHARD) || Shard.fromEnvironment().isPresent()) {
                // Still a report, so that merging every shard's report never misses one.
                Reports empty = Reports.merge(List.of(), List.of());
                Files.createDirectories(options.reportDir);
                Files.writeString(options.reportDir.resolve("conformance-report.json"), empty.json(), StandardCharsets.UTF_8);
                Files.writeString(options.reportDir.resolve("conformance-report.html"), empty.html(), StandardCharsets.UTF_8);
                err.println("wasm-tck: no case fell into this shard; wrote an empty report to " + options.reportDir);
                return WasmTck.OK;
            }
            err.println("wasm-tck: no case ran: the selection matched nothing"
                    + (keys.containsKey(Constants.SELECT) ? " (check --select)" : ""));
            return WasmTck.USAGE;
        }
        return outcome.exitCode();
    }

    /** A rerun command: these words, quoted for a POSIX shell where needed, then the selection. */
    static String rerunCommand(List<String> words) {
        return words.stream().map(w -> w.matches("[A-Za-z0-9_@%+=:,./{}-]+") ? w : "'" + w.replace("'", "'\\''") + "'")
                .collect(Collectors.joining(" ")) + " --select '{select}'";
    }
}
