package dev.wasmtck.internal.yaml;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.Parser;

/**
 * Bounds how deep YAML input nests and how far aliases expand it. SnakeYAML Engine 2.10 has no
 * nesting limit and composes recursively, so 10,000 nested brackets end in a StackOverflowError:
 * {@link #parser} counts depth in the event stream before the composer recurses, and
 * {@link #check} walks the composed nodes once more, following aliases, which can repeat a
 * subtree (the same node object) many times or contain themselves.
 */
final class NestingLimit {
    /** Collections inside collections; case files use fewer than ten. */
    static final int MAX_DEPTH = 100;

    private final String location;
    private final long maxExpandedSize;
    /** Node to its height (levels from it down) and expanded size, once known. */
    private final Map<Node, long[]> measured = new IdentityHashMap<>();

    NestingLimit(String location, long maxExpandedSize) {
        this.location = location;
        this.maxExpandedSize = maxExpandedSize;
    }

    /** {@code events} refusing to open a collection deeper than {@link #MAX_DEPTH}. */
    Parser parser(Parser events) {
        return new Parser() {
            private int depth;

            @Override
            public boolean checkEvent(Event.ID id) {
                return events.checkEvent(id);
            }

            @Override
            public Event peekEvent() {
                return events.peekEvent();
            }

            @Override
            public boolean hasNext() {
                return events.hasNext();
            }

            @Override
            public Event next() {
                Event e = events.next();
                switch (e.getEventId()) {
                    case MappingStart, SequenceStart -> {
                        if (++depth > MAX_DEPTH) {
                            throw new CaseFormatException(at(e.getStartMark()),
                                    "nested more than " + MAX_DEPTH + " levels deep, the limit for YAML input");
                        }
                    }
                    case MappingEnd, SequenceEnd -> depth--;
                    default -> { }
                }
                return e;
            }
        };
    }

    /** Fails when aliases nest {@code root} too deep, make it contain itself, or expand it too far. */
    void check(Node root) {
        measure(root, 0);
    }

    /**
     * {height in collections, expanded size} of a node inside {@code depth} collections. Each node is
     * measured once, so repeated aliases cost nothing, and recursion stays within MAX_DEPTH.
     */
    private long[] measure(Node node, int depth) {
        long[] known = measured.get(node);
        if (known != null) {
            if (known[0] < 0) {
                throw new CaseFormatException(at(node.getStartMark()), "an alias makes this node contain itself");
            }
            if (depth + known[0] > MAX_DEPTH) {
                throw tooDeep(node);
            }
            return known;
        }
        if (node instanceof ScalarNode s) {
            long[] scalar = {0, 1L + s.getValue().length()};
            measured.put(node, scalar);
            return scalar;
        }
        if (depth + 1 > MAX_DEPTH) {
            throw tooDeep(node);
        }
        long[] result = {-1, 0};
        measured.put(node, result);   // marks the node as being measured, to catch an alias to itself
        long height = 0;
        long size = 1;
        for (Node child : children(node)) {
            long[] m = measure(child, depth + 1);
            height = Math.max(height, m[0]);
            size += m[1];
        }
        if (size > maxExpandedSize) {
            throw new CaseFormatException(at(node.getStartMark()), "aliases expand this node to more than "
                    + maxExpandedSize + " nodes and characters, the limit for YAML input");
        }
        result[0] = height + 1;
        result[1] = size;
        return result;
    }

    private static List<Node> children(Node node) {
        if (node instanceof SequenceNode seq) {
            return seq.getValue();
        }
        List<Node> out = new ArrayList<>();
        if (node instanceof MappingNode map) {
            for (NodeTuple t : map.getValue()) {
                out.add(t.getKeyNode());
                out.add(t.getValueNode());
            }
        }
        return out;
    }

    private CaseFormatException tooDeep(Node node) {
        return new CaseFormatException(at(node.getStartMark()),
                "aliases nest this node more than " + MAX_DEPTH + " levels deep, the limit for YAML input");
    }

    private SourceRef at(Optional<Mark> mark) {
        return mark.map(m -> new SourceRef(location, m.getLine() + 1, m.getColumn() + 1))
                .orElse(new SourceRef(location, 0));
    }
}
