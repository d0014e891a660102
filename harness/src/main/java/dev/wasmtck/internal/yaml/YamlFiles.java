package dev.wasmtck.internal.yaml;

import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Composes YAML text into located nodes. Composing (rather than constructing Java objects)
 * keeps every node's line and its explicit tags, which the MessagePack notation relies on.
 *
 * <p>Input is bounded so that no file can stall or crash a run: at most {@link #DEFAULT_MAX_BYTES}
 * (read through {@link YamlText}; case files have their own configurable cap), nested at most
 * {@value NestingLimit#MAX_DEPTH} collections deep, and aliases expand a document to at most four
 * times its size limit. Each is reported as a {@link CaseFormatException} at the offending place.
 */
public final class YamlFiles {
    /** The size limit of YAML input that has no configured one (guest recipes, known-failure lists). */
    public static final long DEFAULT_MAX_BYTES = 1L << 20;

    private YamlFiles() {}

    /** All documents in {@code text}; syntax errors become a {@link CaseFormatException} at the offending line. */
    public static List<YamlNode> compose(String text, String location) {
        return compose(text, location, DEFAULT_MAX_BYTES);
    }

    /** As {@link #compose(String, String)}, for input allowed up to {@code maxBytes}. */
    public static List<YamlNode> compose(String text, String location, long maxBytes) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(location)
                .setSchema(new CoreSchema())
                .setAllowDuplicateKeys(false)
                .setCodePointLimit((int) Math.min(Integer.MAX_VALUE, maxBytes))
                // One buffer for the whole text: with the default 1 KiB window the reader copies a
                // long scalar again for every KiB it reads, and 20 MB took a minute and a half.
                .setBufferSize(Math.max(1024, text.length() + 1))
                .build();
        NestingLimit limit = new NestingLimit(location, 4 * maxBytes);
        List<YamlNode> docs = new ArrayList<>();
        try {
            Composer composer = new Composer(settings,
                    limit.parser(new ParserImpl(settings, new StreamReader(settings, text))));
            while (composer.hasNext()) {
                Node n = composer.next();
                limit.check(n);
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
