package dev.wasmtck.internal.engine.discovery;

import org.junit.platform.engine.discovery.ClasspathResourceSelector;
import org.junit.platform.engine.discovery.ClasspathRootSelector;
import org.junit.platform.engine.discovery.PackageSelector;
import org.junit.platform.engine.support.discovery.SelectorResolver;

/**
 * Case files on the classpath: below the cases root of a classpath root, in a package, or a
 * resource (a case file, at a line if the selector has one, or a folder of them).
 */
final class ClasspathSelectorResolver implements SelectorResolver {
    private final CaseFileFinder finder;
    private final String casesRoot;
    private final CaseTree tree;

    ClasspathSelectorResolver(CaseFileFinder finder, String casesRoot, CaseTree tree) {
        this.finder = finder;
        this.casesRoot = casesRoot;
        this.tree = tree;
    }

    @Override
    public Resolution resolve(ClasspathRootSelector selector, Context context) {
        return tree.files(finder.inClasspathRoot(selector.getClasspathRoot(), casesRoot));
    }

    @Override
    public Resolution resolve(PackageSelector selector, Context context) {
        return tree.files(finder.inPackage(selector.getPackageName()));
    }

    @Override
    public Resolution resolve(ClasspathResourceSelector selector, Context context) {
        return tree.files(finder.classpathResource(selector.getClasspathResourceName()), selector.getPosition());
    }
}
