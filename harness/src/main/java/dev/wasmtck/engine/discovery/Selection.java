package dev.wasmtck.engine.discovery;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which parts of one case file the discovery request asked for: all of it, the cases at some
 * lines (IDE "run at cursor"), or cases and targets by UniqueId (IDE rerun). Several selectors
 * naming the same file merge here, so no node is ever built twice.
 */
public final class Selection {
    private boolean all;
    private final Set<Integer> lines = new HashSet<>();
    private static final String EVERY_TARGET = "*";
    /** case id -> target ids, or {@value #EVERY_TARGET} for all targets of that case. */
    private final Map<String, Set<String>> cases = new HashMap<>();

    void selectAll() {
        all = true;
    }

    void selectLine(int line) {
        lines.add(line);
    }

    void selectCase(String caseId) {
        cases.computeIfAbsent(caseId, k -> new HashSet<>()).add(EVERY_TARGET);
    }

    void selectTarget(String caseId, String targetId) {
        cases.computeIfAbsent(caseId, k -> new HashSet<>()).add(targetId);
    }

    boolean isAll() {
        return all;
    }

    /** True when the case starting at {@code startLine} and ending before {@code nextStart} is wanted. */
    boolean wantsCase(String caseId, int startLine, int nextStart) {
        if (all || cases.containsKey(caseId)) {
            return true;
        }
        for (int line : lines) {
            if (line >= startLine && line < nextStart) {
                return true;
            }
        }
        return false;
    }

    /** True when a line selector points before the first case (the file header): that selects the whole file. */
    boolean wantsHeader(int firstCaseLine) {
        return lines.stream().anyMatch(l -> l < firstCaseLine);
    }

    boolean wantsTarget(String caseId, String targetId) {
        if (all) {
            return true;
        }
        Set<String> targets = cases.get(caseId);
        return targets == null || targets.contains(EVERY_TARGET) || targets.contains(targetId);
    }
}
