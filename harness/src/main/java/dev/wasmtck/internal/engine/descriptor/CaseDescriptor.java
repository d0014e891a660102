package dev.wasmtck.internal.engine.descriptor;

import dev.wasmtck.internal.cases.CaseSource;
import dev.wasmtck.internal.cases.CaseSpec;
import dev.wasmtck.internal.engine.execution.CaseRun;
import dev.wasmtck.internal.engine.execution.RunContext;
import dev.wasmtck.internal.engine.execution.Target;
import dev.wasmtck.internal.engine.report.TargetInfo;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;

/**
 * One case. When it runs on exactly one target (guest x host) it is the test itself; with several
 * targets it is a container with one {@link TargetDescriptor} each. Display names start with the
 * file's short path so they stay unique and readable in flat Surefire reports.
 */
public final class CaseDescriptor extends AbstractTestDescriptor implements ReportedNode {
    public static final String SEGMENT = "case";
    private final CaseSource source;
    private final CaseSpec spec;
    private final List<Target> targets;

    public CaseDescriptor(UniqueId id, CaseSource source, CaseSpec spec, List<Target> targets) {
        super(id, displayName(source, spec, targets.size() == 1 ? targets.get(0) : null), source.testSource(spec.where().line()));
        this.source = source;
        this.spec = spec;
        this.targets = targets;
    }

    static String displayName(CaseSource source, CaseSpec spec, Target single) {
        String base = source.displayPath() + " \u203a " + spec.id();
        return single == null ? base : base + " [" + single.id() + "]";
    }

    @Override
    public TargetInfo targetInfo() {
        return targetInfo(source, spec, targets.size() == 1 ? targets.get(0) : null);
    }

    /** The case on {@code target} (null when it has none or several), for the reports. */
    static TargetInfo targetInfo(CaseSource source, CaseSpec spec, Target target) {
        String file = source.displayPath();
        String abi = spec.abi() != null ? spec.abi() : TargetInfo.abiOfFile(file);
        String level = spec.error() == null ? spec.level().label() : null;
        String id = file + "#" + spec.id();
        return target == null ? new TargetInfo(id, abi, level, null, null, null, id)
                : new TargetInfo(id, abi, level, target.host().id(), target.toolchain(), target.guest().displayName(),
                        id + "[" + target.id() + "]");
    }

    CaseSpec spec() {
        return spec;
    }

    public List<Target> targets() {
        return targets;
    }

    CaseSource source() {
        return source;
    }

    @Override
    public Set<TestTag> getTags() {
        Set<TestTag> tags = new LinkedHashSet<>();
        if (spec.abi() != null) {
            tags.add(TestTag.create(spec.abi()));
        }
        if (spec.error() == null) {
            tags.add(TestTag.create(spec.level().label()));
        }
        spec.tags().forEach(t -> tags.add(TestTag.create(t)));
        if (isSingle() && targets.size() == 1) {
            tags.addAll(targetTags(targets.get(0)));
        }
        return tags;
    }

    /** {@code host:<id>} and {@code toolchain:<name>}: tag expressions can pick a host or a toolchain. */
    static Set<TestTag> targetTags(Target target) {
        Set<TestTag> tags = new LinkedHashSet<>();
        tags.add(TestTag.create("host:" + target.host().id()));
        if (TestTag.isValid("toolchain:" + target.toolchain())) {
            tags.add(TestTag.create("toolchain:" + target.toolchain()));
        }
        return tags;
    }

    /** The reason a host that lacks one of the case's required capabilities skips it, or null. */
    static String missingCapability(CaseSpec spec, Target target) {
        List<String> missing = spec.requires().stream()
                .filter(c -> !target.host().capabilities().contains(c)).sorted().toList();
        if (missing.isEmpty()) {
            return null;
        }
        return "host " + target.host().id() + " lacks capabilit" + (missing.size() == 1 ? "y '" + missing.get(0) + "'"
                : "ies " + missing) + " that case '" + spec.id() + "' requires";
    }

    @Override
    public Type getType() {
        return isSingle() ? Type.TEST : Type.CONTAINER;
    }

    private boolean isSingle() {
        return spec.error() != null || targets.size() <= 1;
    }

    @Override
    public SkipResult shouldBeSkipped(RunContext context) {
        if (spec.error() == null && spec.skip() != null) {
            return SkipResult.skip(spec.skip());
        }
        if (spec.error() == null && targets.isEmpty()) {
            return SkipResult.skip("no configured host implements abi '" + spec.abi() + "'");
        }
        if (spec.error() == null && isSingle()) {
            String missing = missingCapability(spec, targets.get(0));
            if (missing != null) {
                return SkipResult.skip(missing);
            }
        }
        return SkipResult.doNotSkip();
    }

    @Override
    public RunContext execute(RunContext context, DynamicTestExecutor dynamic) throws Exception {
        if (spec.error() != null) {
            throw spec.error();
        }
        if (isSingle()) {
            CaseRun.run(context, this, source, spec, targets.get(0));
        }
        return context;
    }

    @Override
    public ExecutionMode getExecutionMode() {
        return ExecutionMode.CONCURRENT;
    }
}
