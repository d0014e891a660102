package dev.wasmtck.internal.engine.descriptor;

import dev.wasmtck.internal.engine.execution.RunContext;
import dev.wasmtck.internal.engine.report.TargetInfo;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * A node that can be a test: when it is one and the run writes reports, it publishes its
 * {@link TargetInfo} as a report entry, so the reports read what it is (ABI, level, host, toolchain,
 * guest, selection) typed from the descriptor that knows it. Without reports (the default) nothing
 * is published, so IDEs and Surefire show the plain tests.
 */
interface ReportedNode extends Node<RunContext>, TestDescriptor {

    /** What the reports say about this node as a test. */
    TargetInfo targetInfo();

    @Override
    default RunContext before(RunContext context) {
        publish(context, this);
        return context;
    }

    /**
     * A skipped node never starts, and listeners (Open Test Reporting's too) take entries only for
     * started nodes; its parent, which is running, carries the entry instead (it names the test).
     */
    @Override
    default void nodeSkipped(RunContext context, TestDescriptor self, SkipResult result) {
        getParent().ifPresent(parent -> publish(context, parent));
    }

    private void publish(RunContext context, TestDescriptor on) {
        if (isTest() && context.services().config().summary()) {
            context.listener().reportingEntryPublished(on, targetInfo().entry(getUniqueId().toString()));
        }
    }
}
