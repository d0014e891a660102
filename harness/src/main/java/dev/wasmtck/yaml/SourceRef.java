package dev.wasmtck.yaml;

/**
 * A place in a case file: a file path or classpath resource name, plus a 1-based line (0 when unknown).
 * Every error the kit reports about input carries one, so a user can jump straight to it.
 */
public record SourceRef(String location, int line) {

    public SourceRef atLine(int newLine) {
        return new SourceRef(location, newLine);
    }

    @Override
    public String toString() {
        return line > 0 ? location + ":" + line : location;
    }
}
