package dev.wasmtck.internal.msgpack;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds the first difference between an expected tree and a decoded value. "First" follows the
 * rendering order (sorted keys unless ordered), so the reported path is the first one a reader sees
 * differ in the IDE diff.
 */
final class Compare {
    /** Where and what. */
    record Diff(String path, String problem) {}

    private Compare() {}

    static Diff first(Val expected, Val actual) {
        return diff(expected, actual, "$");
    }

    static Diff diff(Val exp, Val act, String path) {
        if (exp instanceof Val.Matcher m) {
            return matcher(m, act, path);
        }
        if (exp.getClass() != act.getClass()) {
            return new Diff(path, "expected " + Render.described(exp) + " but was " + Render.described(act));
        }
        if (exp instanceof Val.Arr e) {
            return array(e, (Val.Arr) act, path);
        }
        if (exp instanceof Val.MapV e) {
            return map(e, (Val.MapV) act, path);
        }
        if (Values.same(exp, act)) {
            return null;
        }
        return new Diff(path, "expected " + Render.described(exp) + " but was " + Render.described(act)
                + firstDifference(exp, act));
    }

    /** For long strings and bins the renderings are cut, so say where they start to differ. */
    private static String firstDifference(Val exp, Val act) {
        byte[] a;
        byte[] b;
        String unit;
        if (exp instanceof Val.Str e) {
            String x = e.text();
            String y = ((Val.Str) act).text();
            if (x.length() <= Render.MAX_STR_CHARS && y.length() <= Render.MAX_STR_CHARS) {
                return "";
            }
            int i = 0;
            while (i < x.length() && i < y.length() && x.charAt(i) == y.charAt(i)) {
                i++;
            }
            return " (lengths " + x.length() + " and " + y.length() + ", first difference at char " + i + ")";
        } else if (exp instanceof Val.Bin e) {
            a = e.bytes();
            b = ((Val.Bin) act).bytes();
            unit = "byte";
        } else if (exp instanceof Val.Ext e && e.type() == ((Val.Ext) act).type()) {
            a = e.data();
            b = ((Val.Ext) act).data();
            unit = "data byte";
        } else {
            return "";
        }
        if (a.length <= Render.MAX_BIN_BYTES && b.length <= Render.MAX_BIN_BYTES) {
            return "";
        }
        int i = 0;
        while (i < a.length && i < b.length && a[i] == b[i]) {
            i++;
        }
        return " (lengths " + a.length + " and " + b.length + ", first difference at " + unit + " " + i + ")";
    }

    private static Diff array(Val.Arr exp, Val.Arr act, String path) {
        List<Val> es = exp.items();
        List<Val> as = act.items();
        for (int i = 0; i < Math.min(es.size(), as.size()); i++) {
            Diff d = diff(es.get(i), as.get(i), path + "[" + i + "]");
            if (d != null) {
                return d;
            }
        }
        if (es.size() != as.size()) {
            return new Diff(path, "array length " + as.size() + ", expected " + es.size());
        }
        return null;
    }

    private static Diff map(Val.MapV exp, Val.MapV act, String path) {
        Map<Values.Key, Val> seen = new HashMap<>();
        for (Map.Entry<Val, Val> e : act.entries()) {
            if (seen.putIfAbsent(new Values.Key(e.getKey()), e.getValue()) != null) {
                return new Diff(path, "duplicate key " + Render.keyName(e.getKey()) + " in the actual map");
            }
        }
        Map<Values.Key, Val> expIndex = Values.index(exp);
        if (exp.ordered()) {
            return orderedMap(exp, act, path, expIndex, seen);
        }
        // Walk the union of keys in rendering order, so the first problem is the first line that differs.
        TreeMap<Val, Boolean> keys = new TreeMap<>(Render.KEY_ORDER);
        for (Map.Entry<Val, Val> e : exp.entries()) {
            keys.put(e.getKey(), true);
        }
        for (Map.Entry<Val, Val> e : act.entries()) {
            keys.putIfAbsent(e.getKey(), false);
        }
        for (Val k : keys.keySet()) {
            Values.Key key = new Values.Key(k);
            Val ev = expIndex.get(key);
            Val av = seen.get(key);
            Diff d = entry(k, ev, av, path);
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    private static Diff entry(Val k, Val ev, Val av, String path) {
        if (av == null) {
            return mayBeAbsent(ev) ? null : new Diff(path, "missing key " + Render.keyName(k));
        }
        if (ev == null) {
            return new Diff(path, "unexpected key " + Render.keyName(k));
        }
        return diff(ev, av, path + Render.pathStep(k));
    }

    private static Diff orderedMap(Val.MapV exp, Val.MapV act, String path,
            Map<Values.Key, Val> expIndex, Map<Values.Key, Val> actIndex) {
        // Keys that may be absent and are take no position.
        List<Map.Entry<Val, Val>> es = exp.entries().stream()
                .filter(e -> actIndex.containsKey(new Values.Key(e.getKey())) || !mayBeAbsent(e.getValue())).toList();
        List<Map.Entry<Val, Val>> as = new ArrayList<>(act.entries());
        for (int i = 0; i < Math.max(es.size(), as.size()); i++) {
            Val ek = i < es.size() ? es.get(i).getKey() : null;
            Val ak = i < as.size() ? as.get(i).getKey() : null;
            if (ek != null && ak != null && Values.same(ek, ak)) {
                Diff d = diff(es.get(i).getValue(), as.get(i).getValue(), path + Render.pathStep(ek));
                if (d != null) {
                    return d;
                }
                continue;
            }
            if (ek != null && !actIndex.containsKey(new Values.Key(ek))) {
                return new Diff(path, "missing key " + Render.keyName(ek));
            }
            if (ak != null && !expIndex.containsKey(new Values.Key(ak))) {
                return new Diff(path, "unexpected key " + Render.keyName(ak));
            }
            return new Diff(path, "key " + Render.keyName(ak) + " is at position " + i + " where "
                    + Render.keyName(ek) + " was expected (this map is !ordered)");
        }
        return null;
    }

    /** Whether an expected map value accepts a missing key: {@code !absent}, or a {@code !one-of} offering it. */
    private static boolean mayBeAbsent(Val ev) {
        return ev instanceof Val.AbsentM
                || ev instanceof Val.OneOfM o && o.alternatives().stream().anyMatch(a -> a instanceof Val.AbsentM);
    }

    /** Null when the actual value satisfies the matcher, else where and why not. */
    private static Diff matcher(Val.Matcher m, Val act, String path) {
        if (m instanceof Val.OneOfM o) {
            return oneOf(o, act, path);
        }
        if (m instanceof Val.NotM n) {
            return not(n, act, path);
        }
        if (m instanceof Val.ItemsM i) {
            return Items.diff(i, act, path);
        }
        if (m instanceof Val.AbsentM) {
            return new Diff(path, "expected the key to be absent but it holds " + Render.described(act));
        }
        String problem = matcher(m, act);
        return problem == null ? null : new Diff(path, problem);
    }

    /** Every alternative's reason, so the message says why each one failed. */
    private static Diff oneOf(Val.OneOfM o, Val act, String path) {
        List<String> reasons = new ArrayList<>();
        for (Val alt : o.alternatives()) {
            Diff d = alt instanceof Val.AbsentM ? new Diff(path, "the key is present") : diff(alt, act, path);
            if (d == null) {
                return null;
            }
            reasons.add("(" + (reasons.size() + 1) + ") " + Render.inline(alt) + ": "
                    + (d.path().equals(path) ? "" : "at " + d.path() + ": ") + d.problem());
        }
        return new Diff(path, "expected one of " + Render.list(o.alternatives()) + " but was "
                + Render.described(act) + ", which matches none of them: " + String.join("; ", reasons));
    }

    private static Diff not(Val.NotM n, Val act, String path) {
        for (int i = 0; i < n.excluded().size(); i++) {
            Val x = n.excluded().get(i);
            if (diff(x, act, path) == null) {
                return new Diff(path, n.single()
                        ? "expected anything but " + Render.inline(x) + " but was " + Render.described(act)
                        : "expected none of " + Render.list(n.excluded()) + " but was " + Render.described(act)
                                + ", which matches alternative (" + (i + 1) + ") " + Render.inline(x));
            }
        }
        return null;
    }

    /** Null when the actual value satisfies the matcher, else the problem. */
    private static String matcher(Val.Matcher m, Val act) {
        if (m instanceof Val.AnyM) {
            return null;
        }
        if (m instanceof Val.TypeM t) {
            return typeMatches(t.type(), act) ? null
                    : "expected any " + t.type() + " but was " + Render.described(act);
        }
        if (m instanceof Val.RegexM r) {
            String want = "expected a str matching " + Render.quote(r.pattern().pattern(), Integer.MAX_VALUE);
            if (!(act instanceof Val.Str s)) {
                return want + " but was " + Render.described(act);
            }
            if (!s.validUtf8()) {
                return want + " but the str is not valid UTF-8: " + Render.inline(act);
            }
            return r.pattern().matcher(s.text()).matches() ? null : want + " but was " + Render.inline(act);
        }
        Val.RangeM r = (Val.RangeM) m;
        String want = "expected a number" + (r.min() == null ? "" : " >= " + bare(r.min()))
                + (r.min() != null && r.max() != null ? " and" : "")
                + (r.max() == null ? "" : " <= " + bare(r.max()));
        if (!Numbers.isNumber(act) || Numbers.isNaN(act)) {
            return want + " but was " + Render.described(act);
        }
        boolean ok = (r.min() == null || Numbers.compare(act, r.min()) >= 0)
                && (r.max() == null || Numbers.compare(act, r.max()) <= 0);
        return ok ? null : want + " but was " + Render.described(act);
    }

    private static String bare(Val number) {
        return number instanceof Val.F32 f ? Render.f32(f.value()) : Render.inline(number);
    }

    static boolean typeMatches(String type, Val v) {
        return switch (type) {
            case "float" -> v instanceof Val.F32 || v instanceof Val.F64;
            case "ext" -> v instanceof Val.Ext || v instanceof Val.Ts; // a timestamp is ext type -1 on the wire
            default -> type.equals(v.typeName());
        };
    }
}
