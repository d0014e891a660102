package dev.wasmtck.internal.engine.discovery;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathResource;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import dev.wasmtck.internal.cases.CaseSource;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.discovery.DirectorySelector;
import org.junit.platform.engine.discovery.FilePosition;
import org.junit.platform.engine.discovery.FileSelector;
import org.junit.platform.engine.discovery.UriSelector;
import org.junit.platform.engine.support.discovery.SelectorResolver;

/**
 * Case files on disk: a file (at a line if the selector has one), every case file below a folder,
 * and {@code file:} and {@code classpath:} URIs, which an IDE sends with {@code ?line=N}.
 */
final class FileSelectorResolver implements SelectorResolver {
    private final CaseFileFinder finder;
    private final CaseTree tree;

    FileSelectorResolver(CaseFileFinder finder, CaseTree tree) {
        this.finder = finder;
        this.tree = tree;
    }

    @Override
    public Resolution resolve(FileSelector selector, Context context) {
        if (!CaseFileFinder.isCaseFile(selector.getRawPath())) {
            return Resolution.unresolved();
        }
        return tree.files(List.of(CaseSource.file(selector.getPath())), selector.getPosition());
    }

    @Override
    public Resolution resolve(DirectorySelector selector, Context context) {
        return tree.files(finder.inDirectory(selector.getPath()));
    }

    /** A URI becomes the file, folder or classpath selector it stands for. */
    @Override
    public Resolution resolve(UriSelector selector, Context context) {
        URI uri = selector.getUri();
        Optional<FilePosition> position = FilePosition.fromQuery(uri.getQuery());
        if ("file".equals(uri.getScheme())) {
            Path path = Path.of(URI.create("file://" + uri.getRawPath()));
            return Resolution.selectors(Set.of(Files.isDirectory(path) ? selectDirectory(path.toFile())
                    : position.map(p -> selectFile(path.toFile(), p)).orElseGet(() -> selectFile(path.toFile()))));
        }
        if ("classpath".equals(uri.getScheme())) {
            String name = uri.getSchemeSpecificPart().replaceFirst("\\?.*$", "");
            return Resolution.selectors(Set.of(position.map(p -> selectClasspathResource(name, p))
                    .orElseGet(() -> selectClasspathResource(name))));
        }
        return Resolution.unresolved();
    }
}
