package dev.wasmtck.engine;

import dev.wasmtck.engine.report.TargetInfo;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * A node that can be a test: when it is one, it publishes its {@link TargetInfo} as a report entry,
 * so the reports read what it is (ABI, level, host, toolchain, guest, selection) typed from the
 * descriptor that knows it.
 */
interface ReportedNode extends Node<RunContext>, TestDescriptor {

    /** What the reports say about this node as a test. */
    TargetInfo targetInfo();

    @Override
    default RunContext before(RunContext context) {
        if (isTest()) {
            context.listener().reportingEntryPublished(this, targetInfo().entry(getUniqueId().toString()));
        }
        return context;
    }

    /**
     * A skipped node never starts, and listeners (Open Test Reporting's too) take entries only for
     * started nodes; its parent, which is running, carries the entry instead (it names the test).
     */
    @Override
    default void nodeSkipped(RunContext context, TestDescriptor self, SkipResult result) {
        if (isTest()) {
            getParent().ifPresent(p -> context.listener().reportingEntryPublished(p, targetInfo().entry(getUniqueId().toString())));
        }
    }
}
