package dev.wasmtck.internal.yaml;

/**
 * A place in a case file: a file path or classpath resource name, plus a 1-based line (0 when unknown)
 * and, where the reader knows it, a 1-based column (0 otherwise). Every error the kit reports about
 * input carries one, so a user can jump straight to it.
 */
public record SourceRef(String location, int line, int column) {

    public SourceRef(String location, int line) {
        this(location, line, 0);
    }

    public SourceRef atLine(int newLine) {
        return new SourceRef(location, newLine);
    }

    @Override
    public String toString() {
        if (line <= 0) {
            return location;
        }
        return column > 0 ? location + ":" + line + ":" + column : location + ":" + line;
    }
}
