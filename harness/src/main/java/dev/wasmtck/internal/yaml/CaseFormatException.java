package dev.wasmtck.internal.yaml;

/** Input that does not follow the case format. The message always starts with file:line. */
public class CaseFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient SourceRef where;
    private final String problem;

    public CaseFormatException(SourceRef where, String problem) {
        this(where, problem, null);
    }

    public CaseFormatException(SourceRef where, String problem, Throwable cause) {
        super(where + ": " + problem, cause);
        this.where = where;
        this.problem = problem;
    }

    public SourceRef where() {
        return where;
    }

    /** The message without the location prefix. */
    public String problem() {
        return problem;
    }
}
