package dev.wasmtck.internal.engine.discovery;

import dev.wasmtck.internal.engine.report.SuiteManifest;
import dev.wasmtck.internal.cases.CaseSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.commons.support.Resource;

/** Finds case files on disk and on the classpath. Results are sorted so runs are stable. */
public final class CaseFileFinder {
    private final ClassLoader loader;

    CaseFileFinder(ClassLoader loader) {
        this.loader = loader;
    }

    /** YAML files, except a suite manifest ({@value SuiteManifest#FILE_NAME}), which describes the cases beside it. */
    public static boolean isCaseFile(String name) {
        String file = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        return (name.endsWith(".yaml") || name.endsWith(".yml")) && !file.equals(SuiteManifest.FILE_NAME);
    }

    List<CaseSource> inDirectory(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> isCaseFile(p.getFileName().toString()))
                    .sorted()
                    .map(CaseSource::file)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list case files in " + dir, e);
        }
    }

    List<CaseSource> inClasspathRoot(URI root, String casesRoot) {
        String prefix = casesRoot.isEmpty() ? "" : casesRoot + "/";
        return classpath(ReflectionSupport.findAllResourcesInClasspathRoot(
                root, r -> r.getName().startsWith(prefix) && isCaseFile(r.getName())));
    }

    List<CaseSource> inPackage(String packageName) {
        return classpath(ReflectionSupport.findAllResourcesInPackage(packageName, r -> isCaseFile(r.getName())));
    }

    /** A classpath resource that is a case file, or a folder of them (in directories or jars). */
    List<CaseSource> classpathResource(String name) {
        String clean = name.replaceAll("^/+", "").replaceAll("/+$", "");
        if (isCaseFile(clean)) {
            return loader.getResource(clean) == null ? List.of() : List.of(CaseSource.classpath(clean, loader));
        }
        List<String> names = new ArrayList<>();
        try {
            for (URL url : Collections.list(loader.getResources(clean))) {
                if ("file".equals(url.getProtocol())) {
                    Path dir = Path.of(url.toURI());
                    for (CaseSource s : inDirectory(dir)) {
                        names.add(clean + "/" + dir.relativize(Path.of(s.location())).toString().replace('\\', '/'));
                    }
                } else if ("jar".equals(url.getProtocol())) {
                    JarURLConnection conn = (JarURLConnection) url.openConnection();
                    conn.setUseCaches(false);
                    try (JarFile jar = conn.getJarFile()) {
                        jar.stream().map(e -> e.getName())
                                .filter(n -> n.startsWith(clean + "/") && isCaseFile(n))
                                .forEach(names::add);
                    }
                }
            }
        } catch (IOException | java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot list classpath folder " + clean + ": " + e, e);
        }
        return names.stream().distinct().sorted().map(n -> CaseSource.classpath(n, loader)).toList();
    }

    private List<CaseSource> classpath(List<Resource> resources) {
        return resources.stream().map(Resource::getName).distinct().sorted()
                .map(n -> CaseSource.classpath(n, loader)).toList();
    }
}
