package dev.wasmtck.cli;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathResource;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.platform.engine.DiscoverySelector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wasm-tck run}: case files as the engine runs them under Maven. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs case files (docs/case-format.md) on the hosts available here, as the engine runs"
                + " them under Maven: the matrix, one rerun line per failure, JSON and HTML reports.",
                "Without FILES, the conformance suite this command carries. Guests named by source path are"
                        + " looked up in the nearest guests/ folder (or -Dwasm.conformance.guests.dir) and built"
                        + " in their toolchain's container."},
        footerHeading = "%nExamples:%n",
        footer = {"  wasm-tck run                                    # the whole suite, every host",
                "  wasm-tck run my-cases/ --host chicory",
                "  wasm-tck run --select wapc/errors --shard 2/4",
                "  wasm-tck run --host graalwasm --fix known-failures/graalwasm.yaml"})
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILES", arity = "0..*", description = "Case files (.yaml) or folders of them.")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--fix", paramLabel = "LIST",
            description = "After a full run on one host (--host), rewrite this known-failure list to hold exactly"
                    + " the run's failures, keeping the comments and reasons of entries that stay.")
    Path fix;

    @Mixin
    KitOptions options;

    @Override
    public Integer call() throws Exception {
        List<DiscoverySelector> selectors = new ArrayList<>();
        List<String> rerun = new ArrayList<>(List.of("wasm-tck", "run"));
        for (Path p : paths) {
            Path abs = p.toAbsolutePath().normalize();
            if (Files.isDirectory(abs)) {
                selectors.add(selectDirectory(abs.toFile()));
            } else if (Files.isRegularFile(abs)) {
                selectors.add(selectFile(abs.toFile()));
            } else {
                throw new ParameterException(spec.commandLine(), "no such case file or folder: " + abs);
            }
            rerun.add(abs.toString());
        }
        if (selectors.isEmpty()) {
            selectors.add(selectClasspathResource("conformance"));
        }
        HostsCommand.checkHosts(spec, options.hosts);
        Map<String, String> keys = options.configuration();
        KnownFailureFix fixer = null;
        if (fix != null) {
            fixer = KnownFailureFix.prepare(spec, fix, options);
            keys.putAll(fixer.configuration());
        }
        rerun.addAll(options.rerunArguments());
        int code = KitRun.execute(selectors, keys, options, KitRun.rerunCommand(rerun), System.err);
        if (fixer == null || code == WasmTck.USAGE) {
            return code;
        }
        return fixer.apply(options.reportDir.resolve("conformance-report.json"), spec.commandLine().getOut());
    }
}
