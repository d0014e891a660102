package dev.wasmtck.internal.engine.descriptor;

import dev.wasmtck.internal.cases.CaseSource;
import dev.wasmtck.internal.cases.GuestRef;
import dev.wasmtck.internal.engine.execution.CaseRun;
import dev.wasmtck.internal.engine.execution.KitServices;
import dev.wasmtck.internal.engine.execution.RunContext;
import dev.wasmtck.internal.engine.report.TargetInfo;
import dev.wasmtck.internal.cases.Verdict;
import dev.wasmtck.host.Abi;
import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.host.ModuleRule;
import dev.wasmtck.module.ModuleShape;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * The structural rules of an ABI applied to the guest under test: a container with one test per
 * {@link ModuleRule}. The module is loaded and parsed once, by the first rule that runs; when that
 * fails, every rule reports the same reason. With a configuration problem instead, it is a single
 * failing test that lists the problems.
 */
public final class ModuleCheckDescriptor extends AbstractTestDescriptor implements ReportedNode {
    public static final String SEGMENT = "guest-module";
    public static final String RULE_SEGMENT = "rule";

    private final GuestRef guest;
    private final String abi;
    private final List<String> configProblems;
    /** Names the module shape (of those the ABI's hosts run) the rules recognised. */
    private final Function<ModuleShape, Optional<String>> recognise;
    private Object shape;   // the ModuleShape, or the Exception that kept it from being read

    public ModuleCheckDescriptor(UniqueId id, GuestRef guest, Abi<?> abi) {
        super(id, abi.name() + " module structure [" + guest.displayName() + "]", source(guest));
        this.guest = guest;
        this.abi = abi.name();
        this.configProblems = List.of();
        this.recognise = abi::recogniseShape;
        for (ModuleRule rule : abi.moduleRules()) {
            addChild(new RuleDescriptor(id.append(RULE_SEGMENT, rule.id()), this, rule));
        }
    }

    private ModuleCheckDescriptor(UniqueId id, String name, List<String> problems) {
        super(id, "guest conformance configuration [" + name + "]");
        this.guest = null;
        this.abi = null;
        this.configProblems = List.copyOf(problems);
        this.recognise = m -> Optional.empty();
    }

    public static ModuleCheckDescriptor configurationError(UniqueId id, String name, List<String> problems) {
        return new ModuleCheckDescriptor(id, name, problems);
    }

    private static FileSource source(GuestRef guest) {
        return FileSource.from(Path.of(guest.where().location()).toFile());
    }

    /** A configuration problem or a rule: no case, no rerun selection; named by its display name. */
    @Override
    public TargetInfo targetInfo() {
        return new TargetInfo(null, abi, null, null, null, null, null);
    }

    @Override
    public Type getType() {
        return configProblems.isEmpty() ? Type.CONTAINER : Type.TEST;
    }

    @Override
    public Set<TestTag> getTags() {
        return abi == null ? Set.of() : Set.of(TestTag.create(abi));
    }

    @Override
    public RunContext execute(RunContext context, DynamicTestExecutor dynamic) {
        if (!configProblems.isEmpty()) {
            throw new IllegalArgumentException("guest conformance is misconfigured:\n  - "
                    + String.join("\n  - ", configProblems));
        }
        return context;
    }

    private synchronized ModuleShape shape(KitServices services) throws Exception {
        if (shape == null) {
            try {
                KitServices.Loaded loaded = services.load(guest, CaseSource.file(Path.of(guest.where().location())));
                shape = loaded.module().shape();
            } catch (Exception e) {
                shape = e;
            }
        }
        if (shape instanceof TestAbortedException e) {
            throw new TestAbortedException(e.getMessage(), e);
        }
        if (shape instanceof GuestFault e) {
            throw new AssertionFailedError(who() + ": " + e.getMessage(), e);
        }
        if (shape instanceof Exception e) {
            throw CaseRun.raise(who(), Verdict.of(Verdict.Kind.GUEST_UNAVAILABLE, "guest unavailable: " + e.getMessage(),
                    e));
        }
        return (ModuleShape) shape;
    }

    private String who() {
        return "guest " + guest.where().location() + " (abi " + abi + ")";
    }

    /** One rule; it fails with every problem the rule finds, each naming what the module has. */
    static final class RuleDescriptor extends AbstractTestDescriptor implements ReportedNode {
        private final ModuleCheckDescriptor parentCheck;
        private final ModuleRule rule;

        RuleDescriptor(UniqueId id, ModuleCheckDescriptor parentCheck, ModuleRule rule) {
            super(id, parentCheck.abi + " module › " + rule.id() + " [" + parentCheck.guest.displayName() + "]",
                    source(parentCheck.guest));
            this.parentCheck = parentCheck;
            this.rule = rule;
        }

        @Override
        public Type getType() {
            return Type.TEST;
        }

        @Override
        public TargetInfo targetInfo() {
            return parentCheck.targetInfo();
        }

        @Override
        public Set<TestTag> getTags() {
            return parentCheck.getTags();
        }

        @Override
        public RunContext execute(RunContext context, DynamicTestExecutor dynamic) throws Exception {
            ModuleShape module = parentCheck.shape(context.services());
            Optional<String> recognised = parentCheck.recognise.apply(module);
            // Which shape the verdict is about shows on passing rules too, as a report entry.
            recognised.ifPresent(s -> context.listener().reportingEntryPublished(this,
                    ReportEntry.from("module shape", s)));
            List<String> problems = rule.check(module);
            if (!problems.isEmpty()) {
                throw new AssertionFailedError(parentCheck.who() + recognised.map(s -> ", recognised as " + s)
                        .orElse("") + ", rule '" + rule.id() + "': " + String.join("; ", problems));
            }
            return context;
        }
    }
}
