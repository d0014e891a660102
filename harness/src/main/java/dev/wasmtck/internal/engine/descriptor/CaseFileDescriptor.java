package dev.wasmtck.internal.engine.descriptor;

import dev.wasmtck.internal.cases.CaseFile;
import dev.wasmtck.internal.engine.execution.RunContext;
import dev.wasmtck.internal.engine.report.TargetInfo;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;

/**
 * A case file. A file that cannot be read as a case file becomes a single failing test under its
 * own name, so the error is reported with file:line while every other file still runs.
 */
public final class CaseFileDescriptor extends AbstractTestDescriptor implements ReportedNode {
    public static final String SEGMENT = "file";
    private final CaseFile file;

    public CaseFileDescriptor(UniqueId id, CaseFile file) {
        super(id, file.source().displayPath() + (file.error() != null ? " (invalid case file)" : ""),
                file.source().testSource(file.error() != null ? file.error().where().line() : 1));
        this.file = file;
    }

    /** The file as parsed: its cases, or the error that kept it from being read. */
    public CaseFile caseFile() {
        return file;
    }

    @Override
    public TargetInfo targetInfo() {
        String name = file.source().displayPath();
        return new TargetInfo(name, TargetInfo.abiOfFile(name), null, null, null, null, name);
    }

    @Override
    public Type getType() {
        return file.error() != null ? Type.TEST : Type.CONTAINER;
    }

    @Override
    public RunContext execute(RunContext context, DynamicTestExecutor dynamic) {
        if (file.error() != null) {
            throw file.error();
        }
        return context;
    }

    @Override
    public ExecutionMode getExecutionMode() {
        return ExecutionMode.CONCURRENT;
    }
}
