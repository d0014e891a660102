package dev.wasmtck.engine;

import org.junit.platform.engine.support.hierarchical.EngineExecutionContext;

/** What every node sees while executing: the shared, thread-safe services of this run. */
record RunContext(KitServices services) implements EngineExecutionContext {}
