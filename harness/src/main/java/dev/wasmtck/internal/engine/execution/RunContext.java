package dev.wasmtck.internal.engine.execution;

import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.support.hierarchical.EngineExecutionContext;

/**
 * What every node sees while executing: the shared, thread-safe services of this run, its known
 * failures, and the listener nodes publish report entries to.
 */
public record RunContext(KitServices services, KnownFailures knownFailures, EngineExecutionListener listener)
        implements EngineExecutionContext {}
