package dev.wasmtck.internal.cases;

import dev.wasmtck.internal.yaml.CaseFormatException;
import java.util.List;

/** A parsed case file: its cases, or the error that kept the file from being read at all. */
public record CaseFile(CaseSource source, String description, List<CaseSpec> cases, CaseFormatException error) {

    public static CaseFile failed(CaseSource source, CaseFormatException error) {
        return new CaseFile(source, null, List.of(), error);
    }
}
