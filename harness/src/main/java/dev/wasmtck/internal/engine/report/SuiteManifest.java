package dev.wasmtck.internal.engine.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.wasmtck.internal.yaml.CaseFormatException;
import dev.wasmtck.internal.yaml.YamlFiles;
import dev.wasmtck.internal.yaml.YamlMap;
import dev.wasmtck.internal.yaml.YamlNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The suite's own description, {@code <cases root>/suite.yaml} on the classpath: its name and
 * version and what each ABI's cases cover. Reports and the summary header show it, so a result
 * always says which suite it is a result of.
 *
 * @param error why the manifest could not be read (file:line), or null
 */
@JsonPropertyOrder({"manifest", "name", "version", "error", "abis"})
public record SuiteManifest(@JsonProperty("manifest") String location, String name, String version,
        Map<String, String> abis, String error) {
    public static final String FILE_NAME = "suite.yaml";
    private static final List<String> KEYS = List.of("suite", "suite-version", "case-format", "abis");

    /** The manifest under {@code casesRoot}, or null when the classpath has none (a plugin repo's own cases). */
    public static SuiteManifest load(ClassLoader loader, String casesRoot) {
        String resource = casesRoot.isEmpty() ? FILE_NAME : casesRoot + "/" + FILE_NAME;
        String text;
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return new SuiteManifest(resource, null, null, Map.of(), resource + ": cannot read: " + e);
        }
        try {
            List<YamlNode> docs = YamlFiles.compose(text, resource);
            YamlMap m = docs.get(0).asMap("the suite manifest").allowOnly(KEYS);
            YamlNode format = m.require("case-format");
            if (format.asInt("case-format") != dev.wasmtck.internal.cases.CaseFileParser.FORMAT_VERSION) {
                throw format.error("the suite is written in case format " + format.scalarText("case-format")
                        + "; this kit reads format " + dev.wasmtck.internal.cases.CaseFileParser.FORMAT_VERSION);
            }
            Map<String, String> abis = new LinkedHashMap<>();
            YamlMap abiMap = m.require("abis").asMap("abis");
            for (String abi : abiMap.keys()) {
                abis.put(abi, abiMap.require(abi).asString("what the ABI's cases cover"));
            }
            return new SuiteManifest(resource, m.require("suite").asString("suite"),
                    m.require("suite-version").asString("suite-version"), Map.copyOf(abis), null);
        } catch (CaseFormatException | IndexOutOfBoundsException e) {
            return new SuiteManifest(resource, null, null, Map.of(), e.getMessage());
        }
    }
}
