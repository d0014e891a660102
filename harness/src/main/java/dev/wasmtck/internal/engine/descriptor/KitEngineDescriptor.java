package dev.wasmtck.internal.engine.descriptor;

import dev.wasmtck.internal.engine.config.KitConfig;
import dev.wasmtck.internal.engine.execution.KnownFailures;
import dev.wasmtck.internal.engine.execution.ReferenceHosts;
import dev.wasmtck.internal.engine.execution.RunContext;
import dev.wasmtck.internal.engine.report.RunInfo;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;

/** The root node; it carries the configuration from discovery to execution. */
public final class KitEngineDescriptor extends EngineDescriptor implements Node<RunContext> {
    private final KitConfig config;
    private final KnownFailures knownFailures;
    private final RunInfo runInfo;
    private final ReferenceHosts references;

    public KitEngineDescriptor(UniqueId id, KitConfig config, KnownFailures knownFailures, RunInfo runInfo,
            ReferenceHosts references) {
        super(id, "wasm-tck conformance");
        this.config = config;
        this.knownFailures = knownFailures;
        this.runInfo = runInfo;
        this.references = references;
    }

    @Override
    public RunContext before(RunContext context) {
        if (config.summary() && runInfo != null) {
            context.listener().reportingEntryPublished(this, runInfo.entry());
        }
        return context;
    }

    public KnownFailures knownFailures() {
        return knownFailures;
    }

    public KitConfig config() {
        return config;
    }

    /** The hosts cases may compare with ({@code same-as}). */
    public ReferenceHosts references() {
        return references;
    }
}
