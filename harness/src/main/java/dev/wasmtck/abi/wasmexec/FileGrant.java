package dev.wasmtck.abi.wasmexec;

import org.jspecify.annotations.Nullable;
import org.apiguardian.api.API;
import dev.wasmtck.internal.yaml.YamlMap;
import dev.wasmtck.internal.yaml.YamlNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The file access a wasm-exec case grants its guest ({@code host: files:}): a folder next to the case
 * file to read, a scratch folder to write, both or (the default) neither. Each run gets its own view.
 *
 * @param read the host folder shown read-only at {@value #READ}, or null
 * @param scratch whether each run gets an empty writable folder at {@value #SCRATCH}
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record FileGrant(@Nullable Path read, boolean scratch) {
    public static final FileGrant NONE = new FileGrant(null, false);
    static final List<String> KEYS = List.of("read", "scratch");

    /** Where the guest sees the {@code read} folder. */
    public static final String READ = "/data";
    /** Where the guest sees the scratch folder. */
    public static final String SCRATCH = "/tmp";

    /**
     * Parses {@code files: {read: folder, scratch: true}}. {@code read} names a folder relative to the
     * case file, inside the case file's own folder (no absolute path, no {@code ..}).
     */
    public static FileGrant parse(YamlNode node) {
        YamlMap files = node.asMap("files").allowOnly(KEYS);
        boolean scratch = files.get("scratch").map(n -> n.asBoolean("scratch")).orElse(false);
        Path read = files.get("read").map(FileGrant::folder).orElse(null);
        return new FileGrant(read, scratch);
    }

    private static Path folder(YamlNode node) {
        String relative = node.asString("read");
        if (relative.isBlank() || relative.startsWith("/") || relative.contains("\\")
                || List.of(relative.split("/")).contains("..")) {
            throw node.error("files: read names a folder relative to the case file, below its own folder"
                    + " (no leading '/', no '..', '/' as separator); found '" + relative + "'");
        }
        String caseFile = node.where().location();
        Path found;
        try {
            found = Files.isRegularFile(Path.of(caseFile)) ? Path.of(caseFile).resolveSibling(relative)
                    : resourceFolder(URI.create("x:/" + caseFile).resolve(relative).getPath().substring(1));
        } catch (IOException | URISyntaxException | IllegalArgumentException e) {
            throw node.error("files: cannot open the folder '" + relative + "' next to " + caseFile + ": " + e.getMessage());
        }
        if (found == null || !Files.isDirectory(found)) {
            throw node.error("files: read: there is no folder '" + relative + "' next to the case file " + caseFile);
        }
        return found;
    }

    /** A classpath folder as a path: on disk (a build's classes folder) or inside a jar. */
    private static Path resourceFolder(String name) throws IOException, URISyntaxException {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        URL url = (loader != null ? loader : FileGrant.class.getClassLoader()).getResource(name);
        if (url == null) {
            return null;
        }
        URI uri = url.toURI();
        if ("jar".equals(uri.getScheme())) {
            try {
                FileSystems.newFileSystem(uri, Map.of());
            } catch (FileSystemAlreadyExistsException alreadyOpen) {
                // Another case of the same jar opened it: Path.of finds it.
            }
        }
        return Path.of(uri);
    }
}
