package dev.wasmtck.internal.engine.descriptor;

import dev.wasmtck.internal.engine.execution.KnownFailures;
import dev.wasmtck.internal.engine.execution.RunContext;
import dev.wasmtck.internal.engine.report.TargetInfo;
import java.io.File;
import java.util.List;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClasspathResourceSource;
import org.junit.platform.engine.support.descriptor.FileSource;

/**
 * A known-failure list with problems: entries that match nothing, duplicates, or a list that cannot
 * be read. It fails as one test, listing each problem with its file:line, so a stale list never
 * passes quietly.
 */
public final class KnownFailureListDescriptor extends AbstractTestDescriptor implements ReportedNode {
    public static final String SEGMENT = "known-failures";
    private final String location;
    private final List<String> problems;

    public KnownFailureListDescriptor(UniqueId engineId, KnownFailures.ListFile list, List<String> problems) {
        super(engineId.append(SEGMENT, list.location), list.location + " (known-failure list)",
                new File(list.location).isAbsolute() ? FileSource.from(new File(list.location))
                        : ClasspathResourceSource.from(list.location));
        this.location = list.location;
        this.problems = List.copyOf(problems);
    }

    @Override
    public TargetInfo targetInfo() {
        return new TargetInfo(location, "known-failures", null, null, null, null, null);
    }

    @Override
    public Type getType() {
        return Type.TEST;
    }

    @Override
    public RunContext execute(RunContext context, DynamicTestExecutor dynamic) {
        throw new AssertionError(problems.size() == 1 ? problems.get(0)
                : problems.size() + " problems in the known-failure list:\n  " + String.join("\n  ", problems));
    }
}
