package dev.wasmtck.cli;

import dev.wasmtck.Constants;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wasmtck.internal.engine.Shard;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code run --fix LIST}: makes a host's known-failure list (docs/known-failures.md) hold exactly the
 * failures of a full run on that host. The run goes without any list, so every failure shows with its
 * real message; then each entry whose case still fails stays as written (its comments and reason),
 * with its message renewed if the failure now reads differently; entries of cases that pass go; new
 * failures are appended with a reason to fill in. Unstable entries are not judged (their cases are
 * timing-dependent) and stay. Entries for case files outside the run stay too, as the engine leaves
 * them alone.
 */
final class KnownFailureFix {
    private static final Pattern ENTRY_START = Pattern.compile("^(\\s*)- (.*)$");
    private static final Pattern KEY = Pattern.compile("^(\\s*)(?:- )?([a-z]+):\\s*(.*)$");
    private static final int MESSAGE_LENGTH = 160;
    static final String NEW_REASON = "TODO: say why this host fails this case (entry added by wasm-tck run --fix)";

    private final Path list;
    private final String host;

    private KnownFailureFix(Path list, String host) {
        this.list = list;
        this.host = host;
    }

    /** Refuses what would make the list wrong: a partial run, or no single host to fix the list of. */
    static KnownFailureFix prepare(CommandSpec spec, Path list, KitOptions options) {
        String partial = !options.select.isEmpty() ? "--select narrows the run"
                : options.shard != null ? "--shard runs a part of it"
                : Shard.fromEnvironment().isPresent() ? "TEST_TOTAL_SHARDS/TEST_SHARD_INDEX shard it"
                : options.config.containsKey(Constants.SELECT) ? "-D" + Constants.SELECT + " narrows it"
                : options.config.containsKey(Constants.SHARD) ? "-D" + Constants.SHARD + " shards it" : null;
        if (partial != null) {
            throw new ParameterException(spec.commandLine(), "--fix needs a full run, but " + partial
                    + ": a partial run would drop the entries of every case it left out");
        }
        if (options.hosts.size() != 1) {
            throw new ParameterException(spec.commandLine(), "--fix rewrites one host's list: name that host with --host");
        }
        if (!options.knownFailures.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--fix runs without known-failure lists; drop --known-failures");
        }
        return new KnownFailureFix(list, options.hosts.get(0));
    }

    /** The run shows every failure as it is: no list turns one into a known failure. */
    Map<String, String> configuration() {
        return Map.of(Constants.KNOWN_FAILURES_AUTO, "false", Constants.KNOWN_FAILURES, "");
    }

    /** A failure of the run: case id, guest path, toolchain, and the message after the case header. */
    record Failure(String caseId, String guest, String toolchain, String message) {}

    /** Rewrites the list from the run's JSON report; returns the exit code. */
    int apply(Path report, PrintWriter out) throws IOException {
        Map<String, Object> json = new ObjectMapper().readValue(report.toFile(), new TypeReference<>() {});
        List<Failure> failures = new ArrayList<>();
        Map<String, Boolean> allFailed = new LinkedHashMap<>();
        for (Object item : (List<?>) json.getOrDefault("results", List.of())) {
            Map<?, ?> r = (Map<?, ?>) item;
            String id = String.valueOf(r.get("id"));
            if (!host.equals(r.get("host")) || !id.contains("#")) {
                continue;
            }
            boolean failed = "failed".equals(r.get("status"));
            allFailed.merge(id, failed, Boolean::logicalAnd);
            if (failed) {
                String toolchain = String.valueOf(r.get("toolchain"));
                String guest = String.valueOf(r.get("guest"));
                if (guest.endsWith("@" + toolchain)) {
                    guest = guest.substring(0, guest.length() - toolchain.length() - 1);
                }
                failures.add(new Failure(id, guest, toolchain, messageAfterHeader(String.valueOf(r.get("message")))));
            }
        }
        String before = Files.isRegularFile(list) ? Files.readString(list, StandardCharsets.UTF_8) : null;
        Matcher listHost = Pattern.compile("(?m)^host:\\s*\"?([^\"\\s#]+)").matcher(before == null ? "" : before);
        if (listHost.find() && !listHost.group(1).equals(host)) {
            System.err.println("wasm-tck: --fix " + list + " is the list of host " + listHost.group(1) + ", not of " + host);
            return WasmTck.USAGE;
        }
        Rewrite rewrite = new Rewrite(before, failures, allFailed);
        Files.writeString(list, rewrite.text(), StandardCharsets.UTF_8);
        out.printf("known-failure list %s (host %s): %d kept, %d with a new message, %d removed, %d added%n",
                list, host, rewrite.kept, rewrite.updated, rewrite.removed, rewrite.added);
        if (rewrite.added > 0) {
            out.println("  fill in the reason of each added entry (\"" + NEW_REASON + "\")");
        }
        out.flush();
        return WasmTck.OK;
    }

    /** What follows {@code <file>:<line> case 'id' (guest G, host H): }, first line, shortened. */
    private String messageAfterHeader(String message) {
        String marker = ", host " + host + "): ";
        int at = message.indexOf(marker);
        String rest = at >= 0 ? message.substring(at + marker.length()) : message;
        int nl = rest.indexOf('\n');
        rest = nl >= 0 ? rest.substring(0, nl) : rest;
        return rest.length() > MESSAGE_LENGTH ? rest.substring(0, MESSAGE_LENGTH) : rest;
    }

    /** The list's text, entry by entry. */
    private final class Rewrite {
        int kept;
        int updated;
        int removed;
        int added;
        private final StringBuilder text = new StringBuilder();
        /** Case id -> whether every target of it on this host failed, for every case the run ran. */
        private final Map<String, Boolean> ranCases;
        private final java.util.Set<String> keptCases = new java.util.HashSet<>();

        Rewrite(String before, List<Failure> failures, Map<String, Boolean> allFailed) {
            this.ranCases = allFailed;
            List<Failure> open = new ArrayList<>(failures);
            List<String> lines = before == null ? List.of() : List.of(before.split("\n", -1));
            int failuresLine = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith("failures:")) {
                    failuresLine = i;
                    break;
                }
            }
            if (failuresLine < 0) {
                lines.forEach(l -> text.append(l).append('\n'));
                if (before == null) {
                    text.append("format: 1\nhost: ").append(host).append('\n');
                }
            } else {
                lines.subList(0, failuresLine).forEach(l -> text.append(l).append('\n'));
            }
            StringBuilder entries = new StringBuilder();
            if (failuresLine >= 0) {
                for (List<String> block : blocks(lines.subList(failuresLine + 1, lines.size()))) {
                    entries.append(keepOrDrop(block, open));
                }
            }
            for (String caseId : new java.util.LinkedHashSet<>(open.stream().map(Failure::caseId).toList())) {
                List<Failure> mine = open.stream().filter(f -> f.caseId().equals(caseId)).toList();
                boolean sameMessage = mine.stream().map(Failure::message).distinct().count() == 1;
                if (allFailed.getOrDefault(caseId, false) && sameMessage && !keptCases.contains(caseId)) {
                    entries.append(newEntry(caseId, null, null, mine.get(0).message()));
                    added++;
                } else {
                    for (Failure f : mine) {
                        entries.append(newEntry(caseId, f.toolchain(), f.guest(), f.message()));
                        added++;
                    }
                }
            }
            String body = entries.toString().replaceAll("\\s+$", "");
            text.append(body.isEmpty() ? "failures: []\n" : "failures:\n" + body + "\n");
        }

        String text() {
            return text.toString();
        }

        /** Entry blocks: each "- " item with the comment and blank lines before it. */
        private List<List<String>> blocks(List<String> lines) {
            List<List<String>> blocks = new ArrayList<>();
            List<String> pending = new ArrayList<>();
            for (String line : lines) {
                Matcher m = ENTRY_START.matcher(line);
                if (m.matches() && !line.trim().startsWith("#")) {
                    blocks.add(pending);
                    pending = new ArrayList<>();
                    pending.add(line);
                    // The comments before an item belong to it: move them from the previous block.
                    List<String> previous = blocks.get(blocks.size() - 1);
                    int cut = previous.size();
                    while (cut > 0 && (previous.get(cut - 1).isBlank() || previous.get(cut - 1).trim().startsWith("#"))) {
                        cut--;
                    }
                    pending.addAll(0, previous.subList(cut, previous.size()));
                    blocks.set(blocks.size() - 1, new ArrayList<>(previous.subList(0, cut)));
                } else {
                    pending.add(line);
                }
            }
            blocks.add(pending);
            // Blank lines separate entries: each block carries those before it, none after.
            blocks.forEach(b -> {
                while (!b.isEmpty() && b.get(b.size() - 1).isBlank()) {
                    b.remove(b.size() - 1);
                }
            });
            blocks.removeIf(List::isEmpty);
            return blocks;
        }

        private String keepOrDrop(List<String> block, List<Failure> open) {
            Map<String, String> keys = new LinkedHashMap<>();
            for (String line : block) {
                Matcher m = KEY.matcher(line);
                if (m.matches() && !line.trim().startsWith("#")) {
                    keys.putIfAbsent(m.group(2), unquote(m.group(3)));
                }
            }
            String caseId = keys.get("case");
            if (caseId == null || !ENTRY_START.matcher(block.stream().filter(l -> !l.isBlank() && !l.trim().startsWith("#"))
                    .findFirst().orElse("")).matches()) {
                // Not an entry this rewrite understands (a comment block at the end): keep it as it is.
                return String.join("\n", block) + "\n";
            }
            if (keys.containsKey("host") && !host.equals(keys.get("host")) || "true".equals(keys.get("unstable"))
                    || outsideTheRun(caseId)) {
                kept++;
                keptCases.add(caseId);
                return String.join("\n", block) + "\n";
            }
            List<Failure> matched = open.stream().filter(f -> f.caseId().equals(caseId)
                    && (keys.get("toolchain") == null || keys.get("toolchain").equals(f.toolchain()))
                    && (keys.get("guest") == null || keys.get("guest").equals(f.guest()))).toList();
            if (matched.isEmpty()) {
                removed++;
                return "";
            }
            open.removeAll(matched);
            String expected = keys.getOrDefault("message", "");
            String actual = matched.get(0).message();
            keptCases.add(caseId);
            if (actual.startsWith(expected)) {
                kept++;
                return String.join("\n", block) + "\n";
            }
            updated++;
            return String.join("\n", replaceMessage(block, actual)) + "\n";
        }

        /** An entry for a case file this run did not run: the engine leaves it alone, so do we. */
        private boolean outsideTheRun(String caseId) {
            String file = caseId.substring(0, caseId.indexOf('#'));
            return ranCases.keySet().stream().noneMatch(c -> c.startsWith(file + "#"));
        }

        private List<String> replaceMessage(List<String> block, String message) {
            List<String> out = new ArrayList<>();
            int skipDeeperThan = -1;
            for (String line : block) {
                int indent = line.length() - line.stripLeading().length();
                if (skipDeeperThan >= 0) {
                    if (!line.isBlank() && indent > skipDeeperThan) {
                        continue;
                    }
                    skipDeeperThan = -1;
                }
                Matcher m = KEY.matcher(line);
                if (m.matches() && m.group(2).equals("message")) {
                    String lead = line.substring(0, line.indexOf("message:"));
                    out.add(lead + "message: " + quote(message));
                    skipDeeperThan = indent + (line.trim().startsWith("- ") ? 2 : 0);
                } else {
                    out.add(line);
                }
            }
            return out;
        }

        private String newEntry(String caseId, String toolchain, String guest, String message) {
            StringBuilder e = new StringBuilder("\n  - case: ").append(caseId).append('\n');
            if (toolchain != null) {
                e.append("    toolchain: ").append(quote(toolchain)).append('\n');
            }
            if (guest != null) {
                e.append("    guest: ").append(quote(guest)).append('\n');
            }
            e.append("    message: ").append(quote(message)).append('\n');
            e.append("    reason: ").append(quote(NEW_REASON)).append('\n');
            return e.toString();
        }
    }

    /** A YAML double-quoted scalar. */
    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String unquote(String v) {
        String s = v.trim();
        if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
            return s.substring(1, s.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return s;
    }
}
