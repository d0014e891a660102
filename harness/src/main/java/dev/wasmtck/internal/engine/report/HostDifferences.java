package dev.wasmtck.internal.engine.report;

import dev.wasmtck.internal.engine.report.ConformanceReport.Result;
import dev.wasmtck.internal.engine.report.ConformanceReport.Status;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The host-difference view: every case on a guest whose outcome is not the same on every host it
 * ran on, with each host's result. A host that skipped or aborted the case (it lacks a capability the
 * case or guest needs, or the guest could not be built) did not run it: its result is shown but does
 * not make a difference on its own.
 */
final class HostDifferences {
    /** How much of a message the summary line shows. */
    private static final int BRIEF = 80;

    private HostDifferences() {}

    /** One case on one guest, with its result on each host, by host id in order. */
    record Row(String id, String abi, String guest, Map<String, Result> byHost) {

        /** Compact: each host's outcome, with the start of its message when it did not pass (the reports have it whole). */
        String line() {
            return id + " [" + guest + "]: " + byHost.values().stream().map(r -> r.host() + " " + r.status().label()
                    + (r.status() == Status.PASSED || r.message() == null ? "" : " (" + brief(r.message()) + ")"))
                    .collect(Collectors.joining(" | "));
        }

        private static String brief(String message) {
            String first = ConformanceReport.firstLine(message);
            return first.length() <= BRIEF ? first : first.substring(0, BRIEF - 3) + "...";
        }
    }

    static List<Row> of(List<Result> results) {
        Map<List<String>, Map<String, Result>> byCase = new TreeMap<>(
                Comparator.comparing((List<String> k) -> k.get(0)).thenComparing(k -> k.get(1)));
        for (Result r : results) {
            if (r.targetCase()) {
                byCase.computeIfAbsent(List.of(r.id(), r.guest()), k -> new TreeMap<>()).put(r.host(), r);
            }
        }
        List<Row> rows = new ArrayList<>();
        byCase.forEach((key, byHost) -> {
            Set<Status> ran = byHost.values().stream().map(Result::status)
                    .filter(s -> s != Status.SKIPPED && s != Status.ABORTED).collect(Collectors.toSet());
            if (ran.size() > 1) {
                Result any = byHost.values().iterator().next();
                rows.add(new Row(key.get(0), any.abi(), key.get(1), new LinkedHashMap<>(byHost)));
            }
        });
        return rows;
    }

    /** Every host that appears in {@code rows}, in order: the columns of the view. */
    static List<String> hosts(List<Row> rows) {
        Set<String> hosts = new TreeSet<>();
        rows.forEach(r -> hosts.addAll(r.byHost().keySet()));
        return List.copyOf(hosts);
    }
}
