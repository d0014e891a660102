package dev.wasmtck.internal.engine.execution;

import dev.wasmtck.internal.cases.CaseSource;
import dev.wasmtck.internal.cases.GuestRef;
import dev.wasmtck.host.GuestModule;

/** Turns a case's guest reference into module bytes: reads a prebuilt file or builds sources. */
public interface GuestLoader {

    /**
     * @throws org.opentest4j.TestAbortedException when the guest cannot be had on this machine (no Docker)
     * @throws Exception when it cannot be loaded or built; the message explains why
     */
    GuestModule load(GuestRef ref, CaseSource caseFile) throws Exception;
}
