package dev.wasmtck.engine;

import org.junit.platform.engine.support.hierarchical.EngineExecutionContext;

/** What every node sees while executing: the shared, thread-safe services of this run and its known failures. */
record RunContext(KitServices services, KnownFailures knownFailures) implements EngineExecutionContext {}
