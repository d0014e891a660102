package dev.wasmtck.internal.msgpack;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code !any-order} and {@code !contains}: expected items matched to actual items one to one, in any
 * order. Items may be matchers that overlap, so a first-fit pairing could miss a pairing that exists;
 * this finds a largest one (augmenting paths), then names an expected item left without a partner.
 */
final class Items {
    /** Actual items whose reasons a failure lists, so a long array does not flood the message. */
    private static final int MAX_REASONS = 3;

    private Items() {}

    static Compare.Diff diff(Val.ItemsM m, Val act, String path) {
        String tag = "!" + m.typeName();
        if (!(act instanceof Val.Arr arr)) {
            return new Compare.Diff(path, tag + " expected an array but was " + Render.described(act));
        }
        List<Val> want = m.items();
        List<Val> got = arr.items();
        boolean[][] fits = new boolean[want.size()][got.size()];
        for (int e = 0; e < want.size(); e++) {
            for (int a = 0; a < got.size(); a++) {
                fits[e][a] = Compare.diff(want.get(e), got.get(a), path + "[" + a + "]") == null;
            }
        }
        int[] partnerOf = new int[got.size()]; // actual index -> expected index, or -1
        Arrays.fill(partnerOf, -1);
        for (int e = 0; e < want.size(); e++) {
            pair(e, fits, partnerOf, new boolean[got.size()]);
        }
        boolean[] paired = new boolean[want.size()];
        for (int p : partnerOf) {
            if (p >= 0) {
                paired[p] = true;
            }
        }
        for (int e = 0; e < want.size(); e++) {
            if (!paired[e]) {
                return new Compare.Diff(path, tag + ": expected item [" + e + "] " + Render.inline(want.get(e))
                        + " has no partner among the " + got.size() + (got.size() == 1 ? " actual item" : " actual items")
                        + reasons(want.get(e), got, partnerOf, path));
            }
        }
        if (m.exhaustive()) {
            for (int a = 0; a < got.size(); a++) {
                if (partnerOf[a] < 0) {
                    return new Compare.Diff(path, tag + ": actual item [" + a + "] " + Render.inline(got.get(a))
                            + " matches no expected item (array length " + got.size() + ", expected "
                            + want.size() + ")");
                }
            }
        }
        return null;
    }

    /** Kuhn's augmenting path from expected item {@code e}; true when it found a partner. */
    private static boolean pair(int e, boolean[][] fits, int[] partnerOf, boolean[] visited) {
        for (int a = 0; a < partnerOf.length; a++) {
            if (fits[e][a] && !visited[a]) {
                visited[a] = true;
                if (partnerOf[a] < 0 || pair(partnerOf[a], fits, partnerOf, visited)) {
                    partnerOf[a] = e;
                    return true;
                }
            }
        }
        return false;
    }

    /** Why the first few actual items do not serve; one that matches but went to another expected item says so. */
    private static String reasons(Val want, List<Val> got, int[] partnerOf, String path) {
        List<String> out = new ArrayList<>();
        for (int a = 0; a < got.size() && a < MAX_REASONS; a++) {
            String at = path + "[" + a + "]";
            Compare.Diff d = Compare.diff(want, got.get(a), at);
            out.add("[" + a + "] " + (d == null ? "is paired with expected item [" + partnerOf[a] + "]"
                    : (d.path().equals(at) ? "" : "at " + d.path() + ": ") + d.problem()));
        }
        int more = got.size() - out.size();
        return out.isEmpty() ? "" : ": " + String.join("; ", out) + (more > 0 ? "; and " + more + " more" : "");
    }
}
