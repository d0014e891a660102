package dev.wasmtck.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code wasm-tck} command: the kit's JUnit Platform engine for people without a Maven project.
 * Exit codes: {@value #OK} when no required case failed, {@value #FAILED} when one did,
 * {@value #USAGE} for bad usage or configuration (with the reason).
 */
@Command(name = "wasm-tck", mixinStandardHelpOptions = true, versionProvider = WasmTck.Version.class,
        description = "Conformance checks for WebAssembly guests and the hosts that run them.",
        subcommands = {CheckCommand.class, RunCommand.class, HostsCommand.class, ReportCommand.class,
                CommandLine.HelpCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {"  wasm-tck check guest.wasm --abi wapc",
                "  wasm-tck check ./my-guest --abi wapc --cases ./my-cases",
                "  wasm-tck run conformance/wapc --host chicory --shard 1/3",
                "  wasm-tck hosts",
                "  wasm-tck report merge shard-*/conformance-report.json",
                "",
                "Exit codes: 0 no required case failed, 1 a required case failed, 2 bad usage or configuration."})
public final class WasmTck implements Callable<Integer> {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    static int execute(String... args) {
        Logging.configure(false);
        CommandLine cli = new CommandLine(new WasmTck());
        cli.setParameterExceptionHandler((e, arguments) -> {
            // The reason and where to read more; the full usage only on --help.
            CommandLine cmd = e.getCommandLine();
            cmd.getErr().println("wasm-tck: " + e.getMessage());
            cmd.getErr().println("see '" + cmd.getCommandSpec().qualifiedName() + " --help'");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            // Anything the command did not foresee: the reason in one line; the trace only with --verbose.
            line.getErr().println("wasm-tck: " + e);
            if (Logging.verbose()) {
                e.printStackTrace(line.getErr());
            }
            return USAGE;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE;
    }

    /** The kit's version, from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = WasmTck.class.getPackage().getImplementationVersion();
            return new String[] {"wasm-tck " + (v == null ? "(development build)" : v)};
        }
    }
}
