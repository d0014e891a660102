package dev.wasmtck.internal.cases;

import dev.wasmtck.internal.yaml.BoundedFiles;
import dev.wasmtck.internal.yaml.YamlText;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClasspathResourceSource;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;

/**
 * Where a case file lives: a file on disk or a classpath resource. It knows how to read itself,
 * how to find a prebuilt guest next to it, and how to point an IDE at one of its lines.
 */
public sealed interface CaseSource {

    /** The name errors and UniqueIds use: an absolute path for files, the resource name for classpath. */
    String location();

    /** A short, stable name for display: the path below the case root, without extension. */
    String displayPath();

    /** The file's text, at most {@code maxBytes} of strict UTF-8 (else a {@link CaseFormatException}). */
    String readText(long maxBytes) throws IOException;

    /**
     * Reads a file named relative to this case file (a prebuilt guest): empty when there is none; an
     * IOException when it is no regular file or larger than {@code maxBytes}, before it is read.
     */
    Optional<byte[]> readSibling(String relative, long maxBytes) throws IOException;

    default Optional<byte[]> readSibling(String relative) throws IOException {
        return readSibling(relative, BoundedFiles.DEFAULT_MAX_MODULE_BYTES);
    }

    TestSource testSource(int line);

    /** The UniqueId segment value: {@code classpath:NAME} or {@code file:PATH}. */
    String idValue();

    static CaseSource parseIdValue(String value, ClassLoader loader) {
        if (value.startsWith("classpath:")) {
            return classpath(value.substring("classpath:".length()), loader);
        }
        if (value.startsWith("file:")) {
            return file(Path.of(value.substring("file:".length())));
        }
        throw new IllegalArgumentException("not a case file id: " + value);
    }

    static CaseSource file(Path path) {
        return new FileCase(path.toAbsolutePath().normalize());
    }

    static CaseSource classpath(String resourceName, ClassLoader loader) {
        String name = resourceName.startsWith("/") ? resourceName.substring(1) : resourceName;
        return new ClasspathCase(name, loader);
    }

    /** Strips the extension and any leading case-root folder, so names read like {@code async-bridge/message}. */
    static String shortName(String path) {
        String p = path.replace('\\', '/');
        int root = p.lastIndexOf("/conformance/");
        if (root >= 0) {
            p = p.substring(root + "/conformance/".length());
        } else if (p.startsWith("conformance/")) {
            p = p.substring("conformance/".length());
        } else {
            int slash = p.lastIndexOf('/');
            int parent = slash > 0 ? p.lastIndexOf('/', slash - 1) : -1;
            p = p.substring(parent + 1);
        }
        return p.replaceFirst("\\.ya?ml$", "");
    }

    record FileCase(Path path) implements CaseSource {
        @Override
        public String location() {
            return path.toString();
        }

        @Override
        public String displayPath() {
            return shortName(path.toString());
        }

        @Override
        public String readText(long maxBytes) throws IOException {
            return YamlText.read(path, maxBytes);
        }

        @Override
        public Optional<byte[]> readSibling(String relative, long maxBytes) throws IOException {
            Path p = path.resolveSibling(relative).normalize();
            try {
                return Optional.of(BoundedFiles.read(p, maxBytes));
            } catch (NoSuchFileException e) {
                return Optional.empty();
            }
        }

        @Override
        public TestSource testSource(int line) {
            return line > 0 ? FileSource.from(path.toFile(), FilePosition.from(line)) : FileSource.from(path.toFile());
        }

        @Override
        public String idValue() {
            return "file:" + path;
        }
    }

    record ClasspathCase(String name, ClassLoader loader) implements CaseSource {
        @Override
        public String location() {
            return name;
        }

        @Override
        public String displayPath() {
            return shortName(name);
        }

        @Override
        public String readText(long maxBytes) throws IOException {
            try (InputStream in = loader.getResourceAsStream(name)) {
                if (in == null) {
                    throw new NoSuchFileException("classpath:" + name);
                }
                return YamlText.read(in, name, maxBytes);
            }
        }

        @Override
        public Optional<byte[]> readSibling(String relative, long maxBytes) throws IOException {
            String resolved = URI.create("x:/" + name).resolve(relative).getPath().substring(1);
            URL url = loader.getResource(resolved);
            if (url == null) {
                return Optional.empty();
            }
            try (InputStream in = url.openStream()) {
                return Optional.of(BoundedFiles.read(in, "classpath:" + resolved, maxBytes));
            }
        }

        @Override
        public TestSource testSource(int line) {
            return line > 0 ? ClasspathResourceSource.from(name, FilePosition.from(line)) : ClasspathResourceSource.from(name);
        }

        @Override
        public String idValue() {
            return "classpath:" + name;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ClasspathCase c && c.name.equals(name);
        }

        @Override
        public int hashCode() {
            return name.hashCode();
        }
    }
}
