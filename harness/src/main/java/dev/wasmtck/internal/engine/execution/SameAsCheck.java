package dev.wasmtck.internal.engine.execution;

import dev.wasmtck.host.Host;
import dev.wasmtck.host.Invocation;
import dev.wasmtck.host.Outcome;
import dev.wasmtck.internal.cases.CaseSpec;
import dev.wasmtck.internal.cases.SameAs;
import dev.wasmtck.internal.cases.Verdict;
import dev.wasmtck.internal.msgpack.Payloads;
import dev.wasmtck.runtime.GuestFault;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.opentest4j.TestAbortedException;

/**
 * A case's {@code same-as} (docs/case-format.md#same-as): after the call met its own expectations,
 * the same guest, settings and call run on the reference host, once per run, and the two runs must
 * agree byte for byte on exit code, stdout, stderr, output and the kind of a failure. Fault messages
 * are not compared: each runtime words its traps its own way. Without a reference that can run the
 * call the target is aborted with the reasons, not passed: the comparison it promises did not happen.
 */
final class SameAsCheck {
    private SameAsCheck() {}

    /** What one call did, as the check compares it; a failure's message is shown, not compared. */
    record Observed(String faultKind, String faultMessage, Integer exit, byte[] output, String stdout, String stderr) {
        static Observed of(Outcome outcome, GuestFault fault) {
            if (outcome == null) {
                return fault == null ? new Observed("none", "", null, null, "", "")
                        : new Observed(fault.kind().label(), fault.getMessage(), null, null, "", "");
            }
            return new Observed(null, null, outcome.exitCode(), outcome.output(), outcome.stdout(), outcome.stderr());
        }

        /** One compared part: what it is, and its text. */
        record Part(String label, String text) {}

        /** The parts in the order they are compared. */
        List<Part> parts(boolean unorderedStdout) {
            String out = unorderedStdout
                    ? stdout.lines().sorted().collect(Collectors.joining("\n", "", stdout.isEmpty() ? "" : "\n"))
                    : stdout;
            return List.of(
                    new Part("failure", faultKind == null ? "none" : "[" + faultKind + "]"),
                    new Part("exit", exit == null ? "none" : exit.toString()),
                    new Part("output", output == null ? "none" : Payloads.render(output)),
                    new Part(unorderedStdout ? "stdout (lines in any order)" : "stdout", out),
                    new Part("stderr", stderr));
        }

        String render(boolean unorderedStdout) {
            StringBuilder sb = new StringBuilder();
            if (faultMessage != null) {
                sb.append("--- failure message (not compared)\n").append(faultMessage).append('\n');
            }
            for (Part part : parts(unorderedStdout)) {
                sb.append("--- ").append(part.label()).append('\n').append(part.text());
                if (!part.text().endsWith("\n")) {
                    sb.append('\n');
                }
            }
            return sb.toString();
        }
    }

    /**
     * @param caseId the case's stable id, part of the key under which a reference run is kept
     * @return the difference from the reference, or empty when the target is a reference itself or agrees
     */
    static Optional<Verdict> compare(KitServices services, String who, String caseId, CaseSpec spec, Target target,
            KitServices.Loaded module, Invocation invocation, Observed ours) throws Exception {
        SameAs same = spec.call().expect().sameAs();
        if (same.hosts().contains(target.host().id())) {
            return Optional.empty();
        }
        List<String> notRun = new ArrayList<>();
        for (String id : same.hosts()) {
            Optional<Host> found = services.references().find(id);
            if (found.isEmpty()) {
                notRun.add(id + " is not available in this run (known: " + services.references().ids()
                        + "; an adapter is declared with wasm.conformance.external-hosts)");
                continue;
            }
            Host host = found.get();
            if (!host.abis().contains(spec.abi())) {
                notRun.add(id + " does not serve " + spec.abi());
                continue;
            }
            List<String> missing = spec.requires().stream().filter(c -> !host.capabilities().contains(c)).toList();
            if (!missing.isEmpty()) {
                notRun.add(id + " lacks " + missing);
                continue;
            }
            Observed reference;
            try {
                reference = services.referenceRun(id + "|" + caseId + "|" + module.digest(), () -> {
                    try {
                        Outcome outcome = services.prepare(host, spec.abi(), module).run(invocation);
                        return Observed.of(outcome, null);
                    } catch (GuestFault f) {
                        return Observed.of(null, f);
                    }
                });
            } catch (TestAbortedException e) {
                notRun.add(e.getMessage());
                continue;
            }
            return difference(id, same, reference, ours);
        }
        throw new TestAbortedException(who + ": met its own expectations, but its same-as comparison could not run ("
                + same.where() + "): " + String.join("; ", notRun));
    }

    private static Optional<Verdict> difference(String id, SameAs same, Observed reference, Observed ours) {
        List<Observed.Part> expected = reference.parts(same.unorderedStdout());
        List<Observed.Part> actual = ours.parts(same.unorderedStdout());
        for (int i = 0; i < expected.size(); i++) {
            String want = expected.get(i).text();
            String got = actual.get(i).text();
            if (!want.equals(got)) {
                return Optional.of(new Verdict(Verdict.Kind.DIFFERS_FROM_REFERENCE, null, "differs from host " + id
                        + " (same-as; the same guest, settings and call): " + expected.get(i).label() + " "
                        + firstDifference(want, got), reference.render(same.unorderedStdout()),
                        ours.render(same.unorderedStdout()), null, null));
            }
        }
        return Optional.empty();
    }

    /** Where two texts part: the first differing line, both sides quoted and cut short. */
    private static String firstDifference(String want, String got) {
        List<String> a = want.lines().toList();
        List<String> b = got.lines().toList();
        for (int line = 0; line < Math.max(a.size(), b.size()); line++) {
            String x = line < a.size() ? a.get(line) : null;
            String y = line < b.size() ? b.get(line) : null;
            if (x == null || !x.equals(y)) {
                return "line " + (line + 1) + ": expected " + quote(x) + " but was " + quote(y);
            }
        }
        return "differs only in its line endings";
    }

    private static String quote(String s) {
        if (s == null) {
            return "no line";
        }
        return "\"" + (s.length() > 160 ? s.substring(0, 160) + "..." : s) + "\"";
    }
}
