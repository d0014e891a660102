package dev.wasmtck.internal.engine.discovery;

import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.discovery.SelectorResolver;

/**
 * UniqueIds an IDE reruns: a case file, a case, or one target of a case. JUnit hands over only ids
 * under this engine; each level resolves its parent through the resolver, so a case's id builds its
 * file's node without selecting the rest of the file.
 */
final class UniqueIdSelectorResolver implements SelectorResolver {
    private final CaseTree tree;

    UniqueIdSelectorResolver(CaseTree tree) {
        this.tree = tree;
    }

    @Override
    public Resolution resolve(UniqueIdSelector selector, Context context) {
        return tree.uniqueId(context, selector.getUniqueId());
    }
}
