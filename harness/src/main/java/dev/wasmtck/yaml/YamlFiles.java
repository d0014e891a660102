package dev.wasmtck.yaml;

import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Composes YAML text into located nodes. Composing (rather than constructing Java objects)
 * keeps every node's line and its explicit tags, which the MessagePack notation relies on.
 */
public final class YamlFiles {
    private YamlFiles() {}

    /** All documents in {@code text}; syntax errors become a {@link CaseFormatException} at the offending line. */
    public static List<YamlNode> compose(String text, String location) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(location)
                .setSchema(new CoreSchema())
                .setAllowDuplicateKeys(false)
                .setCodePointLimit(64 * 1024 * 1024)
                .build();
        List<YamlNode> docs = new ArrayList<>();
        try {
            for (Node n : new Compose(settings).composeAllFromString(text)) {
                docs.add(new YamlNode(n, location));
            }
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().or(e::getContextMark).map(m -> m.getLine() + 1).orElse(0);
            String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
            String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
            throw new CaseFormatException(new SourceRef(location, line), "invalid YAML: " + problem + context, e);
        } catch (YamlEngineException e) {
            throw new CaseFormatException(new SourceRef(location, 0), "invalid YAML: " + e.getMessage(), e);
        }
        return docs;
    }
}
