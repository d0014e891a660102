package dev.wasmtck.internal.guest;

import dev.wasmtck.internal.yaml.CaseFormatException;
import dev.wasmtck.internal.yaml.SourceRef;
import dev.wasmtck.internal.yaml.YamlFiles;
import dev.wasmtck.internal.yaml.YamlText;
import dev.wasmtck.internal.yaml.YamlMap;
import dev.wasmtck.internal.yaml.YamlNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How to build one guest, read from the {@code guest.yaml} in its folder:
 * <pre>
 * toolchain: emscripten                # a name from {@link Toolchain#names()}
 * include: [../msgpack]                # optional: more folders, relative to the guest folder
 * build: emcc ... -o out.wasm          # run with sh -c inside the guest folder, in the container
 * output: out.wasm                     # file to copy out, relative to the guest folder
 * </pre>
 * Every problem is a {@link CaseFormatException} at the offending line of guest.yaml.
 */
public final class GuestRecipe {
    public static final String FILE_NAME = "guest.yaml";
    private static final Set<String> KEYS = Set.of("toolchain", "include", "build", "output");

    private final String toolchain;
    private final List<String> include;
    private final String build;
    private final String output;
    private final SourceRef where;
    private final SourceRef toolchainWhere;
    private final List<SourceRef> includeWhere;

    private GuestRecipe(String toolchain, List<String> include, String build, String output, SourceRef where,
            SourceRef toolchainWhere, List<SourceRef> includeWhere) {
        this.toolchain = toolchain;
        this.include = List.copyOf(include);
        this.build = build;
        this.output = output;
        this.where = where;
        this.toolchainWhere = toolchainWhere;
        this.includeWhere = List.copyOf(includeWhere);
    }

    public static GuestRecipe read(Path file) {
        String text;
        try {
            text = YamlText.read(file, YamlFiles.DEFAULT_MAX_BYTES);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return parse(text, file.toString());
    }

    public static GuestRecipe parse(String text, String location) {
        List<YamlNode> docs = YamlFiles.compose(text, location);
        if (docs.size() != 1) {
            throw new CaseFormatException(new SourceRef(location, docs.isEmpty() ? 0 : docs.get(1).where().line()),
                    "a guest recipe is one YAML document, found " + docs.size());
        }
        YamlMap map = docs.get(0).asMap("a guest recipe").allowOnly(KEYS);

        YamlNode tcNode = map.require("toolchain");
        String toolchain = nonBlank(tcNode, "toolchain");
        if (Toolchain.named(toolchain).isEmpty()) {
            throw tcNode.error("unknown toolchain '" + toolchain + "'; known: " + Toolchain.names());
        }

        List<String> include = new ArrayList<>();
        List<SourceRef> includeWhere = new ArrayList<>();
        YamlNode inc = map.get("include").orElse(null);
        if (inc != null && !inc.isNull()) {
            List<YamlNode> items = inc.isScalar() ? List.of(inc) : inc.asList("include");
            for (YamlNode item : items) {
                String path = nonBlank(item, "an include folder");
                checkRelative(item, path, "include");
                include.add(path);
                includeWhere.add(item.where());
            }
        }

        String build = nonBlank(map.require("build"), "build").strip();

        YamlNode outNode = map.require("output");
        String output = nonBlank(outNode, "output");
        checkRelative(outNode, output, "output");
        if (output.startsWith("../") || output.equals("..") || output.contains("/../")) {
            throw outNode.error("output must stay inside the guest folder: '" + output + "'");
        }
        return new GuestRecipe(toolchain, include, build, output, map.where(), tcNode.where(), includeWhere);
    }

    private static String nonBlank(YamlNode node, String what) {
        if (!node.isScalar() || node.isNull()) {
            throw node.error("expected " + what + " (a string), found " + node.kind());
        }
        String s = node.asString(what);
        if (s.isBlank()) {
            throw node.error(what + " must not be empty");
        }
        return s;
    }

    private static void checkRelative(YamlNode node, String path, String what) {
        if (path.startsWith("/") || path.contains("\\") || path.matches("^[A-Za-z]:.*")) {
            throw node.error(what + " must be a relative path with '/' separators: '" + path + "'");
        }
    }

    public String toolchain() {
        return toolchain;
    }

    /** Extra folders, relative to the guest folder, as written. */
    public List<String> include() {
        return include;
    }

    public String build() {
        return build;
    }

    public String output() {
        return output;
    }

    /** Where the recipe starts, for errors about the recipe as a whole. */
    public SourceRef where() {
        return where;
    }

    SourceRef toolchainWhere() {
        return toolchainWhere;
    }

    SourceRef includeWhere(int index) {
        return includeWhere.get(index);
    }

    /** A stable text of the recipe's meaning (not its formatting), for the cache key. */
    String canonical() {
        return "toolchain=" + toolchain + "\ninclude=" + String.join("\u0000", include) + "\nbuild=" + build
                + "\noutput=" + output + "\n";
    }

    @Override
    public String toString() {
        return "GuestRecipe[" + canonical().replace('\n', ' ').trim() + "]";
    }
}
