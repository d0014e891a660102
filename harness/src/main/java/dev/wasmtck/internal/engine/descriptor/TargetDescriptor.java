package dev.wasmtck.internal.engine.descriptor;

import dev.wasmtck.internal.engine.execution.CaseRun;
import dev.wasmtck.internal.engine.execution.RunContext;
import dev.wasmtck.internal.engine.execution.Target;
import dev.wasmtck.internal.engine.report.TargetInfo;
import java.util.Set;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;

/** One case on one guest and host, when the case runs on several. */
public final class TargetDescriptor extends AbstractTestDescriptor implements ReportedNode {
    public static final String SEGMENT = "target";
    private final CaseDescriptor parentCase;
    private final Target target;

    public TargetDescriptor(UniqueId id, CaseDescriptor parentCase, Target target) {
        super(id, CaseDescriptor.displayName(parentCase.source(), parentCase.spec(), target),
                parentCase.source().testSource(parentCase.spec().where().line()));
        this.parentCase = parentCase;
        this.target = target;
    }

    @Override
    public TargetInfo targetInfo() {
        return CaseDescriptor.targetInfo(parentCase.source(), parentCase.spec(), target);
    }

    @Override
    public Set<TestTag> getTags() {
        Set<TestTag> tags = new java.util.LinkedHashSet<>(parentCase.getTags());
        tags.addAll(CaseDescriptor.targetTags(target));
        return tags;
    }

    @Override
    public SkipResult shouldBeSkipped(RunContext context) {
        String missing = CaseDescriptor.missingCapability(parentCase.spec(), target);
        return missing == null ? SkipResult.doNotSkip() : SkipResult.skip(missing);
    }

    @Override
    public Type getType() {
        return Type.TEST;
    }

    @Override
    public RunContext execute(RunContext context, DynamicTestExecutor dynamic) throws Exception {
        CaseRun.run(context, this, parentCase.source(), parentCase.spec(), target);
        return context;
    }

    @Override
    public ExecutionMode getExecutionMode() {
        return ExecutionMode.CONCURRENT;
    }
}
