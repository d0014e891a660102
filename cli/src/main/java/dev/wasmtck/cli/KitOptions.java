package dev.wasmtck.cli;

import dev.wasmtck.Constants;
import dev.wasmtck.internal.engine.Shard;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The options every command that runs cases shares; each maps to the kit's configuration keys. */
final class KitOptions {
    enum ProgressMode { auto, live, lines, off }

    @Option(names = "--host", split = ",", paramLabel = "HOST",
            description = "Run on these hosts only (see `wasm-tck hosts`). Default: every host available.")
    List<String> hosts = new ArrayList<>();

    @Option(names = "--select", split = ",", paramLabel = "ID",
            description = "Run only these case files or cases: wapc/errors, wapc/errors#some-case,"
                    + " or wapc/errors#some-case[guest on host].")
    List<String> select = new ArrayList<>();

    @Option(names = "--shard", paramLabel = "i/n", converter = ShardConverter.class,
            description = "Run shard i of n (1-based); each test's shard is fixed by a hash of its id."
                    + " Bazel's TEST_TOTAL_SHARDS/TEST_SHARD_INDEX work too.")
    Shard shard;

    @Option(names = "--known-failures", split = ",", paramLabel = "FILE",
            description = "Known-failure lists to apply, besides known-failures/<host>.yaml of the suite.")
    List<String> knownFailures = new ArrayList<>();

    @Option(names = "--report-dir", paramLabel = "DIR", defaultValue = "wasm-tck-report",
            description = "Where conformance-report.json and .html go (default: ${DEFAULT-VALUE}).")
    Path reportDir;

    @Option(names = "--xml", paramLabel = "DIR",
            description = "Also write JUnit's Open Test Reporting XML into DIR.")
    Path xml;

    @Option(names = "-D", paramLabel = "KEY=VALUE", mapFallbackValue = "true",
            description = "Any kit configuration key (docs/case-format.md), e.g."
                    + " -Dwasm.conformance.toolchain.go.image=golang:1.26.")
    Map<String, String> config = new LinkedHashMap<>();

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "live (one updating line), lines (one line per case file), off;"
                    + " auto: live on a terminal, else lines.")
    ProgressMode progress;

    @Option(names = {"-v", "--verbose"},
            description = "Show Testcontainers' and the kit's logging and the stack traces of failures.")
    void verbose(boolean on) {
        Logging.configure(on);
    }

    static final class ShardConverter implements CommandLine.ITypeConverter<Shard> {
        @Override
        public Shard convert(String value) {
            return Shard.parse(value);
        }
    }

    /** The shard asked for on the command line. */
    Optional<Shard> shard() {
        return Optional.ofNullable(shard);
    }

    /** The configuration keys these options set. */
    Map<String, String> configuration() {
        Map<String, String> keys = new LinkedHashMap<>(config);
        if (!hosts.isEmpty()) {
            keys.put(Constants.HOSTS, String.join(",", hosts));
        }
        if (!select.isEmpty()) {
            keys.put(Constants.SELECT, String.join(",", select));
        }
        shard().ifPresent(s -> keys.put(Constants.SHARD, s.toString()));
        if (!knownFailures.isEmpty()) {
            keys.put(Constants.KNOWN_FAILURES, String.join(",", knownFailures));
        }
        keys.put(Constants.SUMMARY, "true");
        keys.put(Constants.REPORT_DIR, reportDir.toString());
        if (xml != null) {
            keys.put("junit.platform.reporting.open.xml.enabled", "true");
            keys.put("junit.platform.reporting.output.dir", xml.toString());
        }
        return keys;
    }

    /** The options that shape which tests run, as they would be typed again for a rerun line. */
    List<String> rerunArguments() {
        List<String> args = new ArrayList<>();
        if (!hosts.isEmpty()) {
            args.add("--host");
            args.add(String.join(",", hosts));
        }
        knownFailures.forEach(k -> {
            args.add("--known-failures");
            args.add(k);
        });
        config.forEach((k, v) -> args.add("-D" + k + "=" + v));
        return args;
    }
}
