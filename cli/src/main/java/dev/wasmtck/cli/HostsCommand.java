package dev.wasmtck.cli;

import dev.wasmtck.host.Host;
import dev.wasmtck.host.HostProvider;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code wasm-tck hosts}: the hosts on this classpath (host SPI, docs/host-spi.md) and what each offers. */
@Command(name = "hosts", mixinStandardHelpOptions = true,
        description = "Lists the hosts available here: id, version, ABIs and capabilities.",
        footerHeading = "%nExample:%n", footer = "  wasm-tck hosts")
final class HostsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println(new WasmTck.Version().getVersion()[0] + "; ABIs: " + String.join(", ", CheckCommand.AbiNames.all()));
        String fmt = "%-12s %-16s %-36s %s%n";
        out.printf(fmt, "host", "version", "ABIs", "capabilities");
        for (HostProvider provider : ServiceLoader.load(HostProvider.class)) {
            try {
                Host host = provider.create(key -> java.util.Optional.ofNullable(System.getProperty(key)));
                out.printf(fmt, host.id(), version(host), String.join(", ", new TreeSet<>(host.abis())),
                        String.join(", ", new TreeSet<>(host.capabilities())));
            } catch (RuntimeException | LinkageError e) {
                // A host whose runtime cannot start on this JVM (GraalWasm needs Java 21+) is listed, not fatal.
                out.printf(fmt, provider.id(), "-", "unavailable here: " + e.getMessage(), "");
            }
        }
        out.flush();
        return WasmTck.OK;
    }

    /** The version of the artifact the host came from, as its jar's manifest says. */
    private static String version(Host host) {
        Package p = host.getClass().getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v == null ? "-" : v;
    }

    static List<String> available() {
        List<String> ids = new ArrayList<>();
        ServiceLoader.load(HostProvider.class).forEach(p -> ids.add(p.id()));
        return ids;
    }

    /** Bad usage, before anything runs: a host that is not on this classpath. */
    static void checkHosts(CommandSpec spec, List<String> wanted) {
        List<String> available = available();
        for (String h : wanted) {
            if (!available.contains(h)) {
                throw new ParameterException(spec.commandLine(), "--host " + h + ": no such host here; available: "
                        + available + " (see `wasm-tck hosts`)");
            }
        }
    }
}
