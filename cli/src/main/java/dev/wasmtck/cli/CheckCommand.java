package dev.wasmtck.cli;

import dev.wasmtck.Constants;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathResource;

import dev.wasmtck.host.Abi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wasm-tck check}: guest conformance (docs/guest-conformance.md) for one module or source folder. */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Checks one guest against its ABI: the ABI's structural rules, its guest profile,"
                + " and optionally your own case files (in which `guest: $guest` names the guest).",
                "A prebuilt .wasm needs no Docker; a source folder (with a guest.yaml recipe) is built in"
                        + " its own toolchain's container, and only that one."},
        footerHeading = "%nExamples:%n",
        footer = {"  wasm-tck check target/wasm32-unknown-unknown/release/echo.wasm --abi wapc",
                "  wasm-tck check . --abi wapc --cases conformance/",
                "  wasm-tck check guest.wasm --abi wapc --host chicory --xml reports/"})
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "GUEST", description = "A .wasm module, or a source folder with a guest.yaml recipe.")
    Path guest;

    @Option(names = "--abi", required = true, paramLabel = "ABI", description = "The guest's ABI: ${COMPLETION-CANDIDATES}.",
            completionCandidates = AbiNames.class)
    String abi;

    @Option(names = "--cases", paramLabel = "DIR", description = "A folder of your own case files to run as well.")
    Path cases;

    @Option(names = "--toolchain", paramLabel = "NAME",
            description = "For a source folder: build with this toolchain instead of the recipe's.")
    String toolchain;

    @Mixin
    KitOptions options;

    @Override
    public Integer call() throws java.io.IOException {
        Path module = guest.toAbsolutePath().normalize();
        if (!Files.exists(module)) {
            throw new ParameterException(spec.commandLine(), "no such guest: " + module);
        }
        if (!AbiNames.all().contains(abi)) {
            throw new ParameterException(spec.commandLine(), "--abi " + abi + " is not an ABI this kit knows; known: "
                    + AbiNames.all());
        }
        if (cases != null && !Files.isDirectory(cases)) {
            throw new ParameterException(spec.commandLine(), "--cases " + cases + ": no such folder");
        }
        HostsCommand.checkHosts(spec, options.hosts);
        Map<String, String> keys = new LinkedHashMap<>();
        // A guest that cannot be built fails the check (exit 1), rather than aborting every case.
        keys.put(Constants.DOCKER_REQUIRED, "true");
        keys.putAll(options.configuration());
        keys.put(Constants.GUEST, module.toString());
        keys.put(Constants.GUEST_ABI, abi);
        List<String> rerun = new ArrayList<>(List.of("wasm-tck", "check", module.toString(), "--abi", abi));
        if (cases != null) {
            keys.put(Constants.GUEST_CASES, cases.toAbsolutePath().normalize().toString());
            rerun.addAll(List.of("--cases", cases.toAbsolutePath().normalize().toString()));
        }
        if (toolchain != null) {
            keys.put(Constants.GUEST_TOOLCHAIN, toolchain);
            rerun.addAll(List.of("--toolchain", toolchain));
        }
        rerun.addAll(options.rerunArguments());
        return KitRun.execute(List.of(selectClasspathResource("conformance")), keys, options,
                KitRun.rerunCommand(rerun), System.err);
    }

    /** The ABIs the kit on this classpath knows. */
    static final class AbiNames implements Iterable<String> {
        static TreeSet<String> all() {
            TreeSet<String> names = new TreeSet<>();
            ServiceLoader.load(Abi.class).forEach(a -> names.add(a.name()));
            return names;
        }

        @Override
        public java.util.Iterator<String> iterator() {
            return all().iterator();
        }
    }
}
