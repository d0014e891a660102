package dev.wasmtck.internal.yaml;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** A YAML mapping with string keys, kept in file order, with located lookups. */
public final class YamlMap {
    private final YamlNode self;
    private final String what;
    private final Map<String, YamlNode> keyNodes;
    private final Map<String, YamlNode> values;

    YamlMap(YamlNode self, String what, Map<String, YamlNode> keyNodes, Map<String, YamlNode> values) {
        this.self = self;
        this.what = what;
        this.keyNodes = keyNodes;
        this.values = values;
    }

    public YamlNode node() {
        return self;
    }

    public SourceRef where() {
        return self.where();
    }

    public Set<String> keys() {
        return values.keySet();
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public Optional<YamlNode> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public YamlNode require(String key) {
        YamlNode v = values.get(key);
        if (v == null) {
            throw self.error(what + " needs the key '" + key + "'");
        }
        return v;
    }

    /** The line of a key itself, which is where an editor should point for a bad key. */
    public SourceRef whereKey(String key) {
        YamlNode k = keyNodes.get(key);
        return k == null ? where() : k.where();
    }

    /** Rejects keys outside {@code allowed}, naming the first unknown one, its line and the accepted keys. */
    public YamlMap allowOnly(Collection<String> allowed) {
        for (Map.Entry<String, YamlNode> e : keyNodes.entrySet()) {
            if (!allowed.contains(e.getKey())) {
                throw e.getValue().error("unknown key '" + e.getKey() + "' in " + what
                        + "; expected one of " + new TreeSet<>(allowed));
            }
        }
        return this;
    }

    /** Requires exactly one of {@code choices} to be present and returns it. */
    public String exactlyOneOf(Collection<String> choices) {
        String found = null;
        for (String c : choices) {
            if (values.containsKey(c)) {
                if (found != null) {
                    throw keyNodes.get(c).error(what + " takes only one of " + choices
                            + ", but has both '" + found + "' and '" + c + "'");
                }
                found = c;
            }
        }
        if (found == null) {
            throw self.error(what + " needs one of " + choices);
        }
        return found;
    }

    public String what() {
        return what;
    }

    /**
     * A map with this map's entries, where {@code override}'s keys replace this map's: how a case's
     * section refines the file-level default. Lines keep pointing at whichever file entry supplied each key.
     */
    public YamlMap overriddenBy(YamlMap override) {
        Map<String, YamlNode> k = new java.util.LinkedHashMap<>(keyNodes);
        Map<String, YamlNode> v = new java.util.LinkedHashMap<>(values);
        k.putAll(override.keyNodes);
        v.putAll(override.values);
        return new YamlMap(override.self, override.what, k, v);
    }
}
