package dev.wasmtck.internal.engine.discovery;

import dev.wasmtck.internal.cases.CaseFile;
import dev.wasmtck.internal.cases.CaseFileParser;
import dev.wasmtck.internal.cases.CaseSource;
import dev.wasmtck.internal.cases.CaseSpec;
import dev.wasmtck.internal.yaml.CaseFormatException;
import dev.wasmtck.internal.yaml.SourceRef;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;

/**
 * Parses each case file once and reports what is wrong with it as a discovery issue pointing at
 * the file and line. The issue is a warning: the broken file or case still becomes a failing node,
 * so it counts in Surefire's totals while every other file runs.
 */
final class IssueReportingParser {
    private final CaseFileParser parser;
    private final DiscoveryIssueReporter issues;
    private final Map<CaseSource, CaseFile> parsed = new LinkedHashMap<>();

    IssueReportingParser(CaseFileParser parser, DiscoveryIssueReporter issues) {
        this.parser = parser;
        this.issues = issues;
    }

    CaseFile parse(CaseSource source) {
        return parsed.computeIfAbsent(source, this::parseAndReport);
    }

    /** Every file parsed so far, in the order they were first selected. */
    Map<CaseSource, CaseFile> parsed() {
        return Collections.unmodifiableMap(parsed);
    }

    private CaseFile parseAndReport(CaseSource source) {
        CaseFile file = parseContained(source);
        if (file.error() != null) {
            report(source, file.error());
        } else {
            for (CaseSpec spec : file.cases()) {
                if (spec.error() != null) {
                    report(source, spec.error());
                }
            }
        }
        return file;
    }

    /**
     * The parser reports bad input inside the CaseFile; this also keeps a parser bug (or a stack
     * overflow in a library) to the one file that caused it, so every other file still runs.
     */
    private CaseFile parseContained(CaseSource source) {
        try {
            return parser.parse(source);
        } catch (RuntimeException | StackOverflowError e) {
            return CaseFile.failed(source, new CaseFormatException(
                    new SourceRef(source.location(), 0), "could not be read: " + e, e));
        }
    }

    /** Without the exception: its message says it all, and the failing node carries the stack trace. */
    private void report(CaseSource source, CaseFormatException error) {
        int line = Math.max(1, error.where().line());
        issues.reportIssue(DiscoveryIssue.builder(Severity.WARNING, error.getMessage()).source(source.testSource(line)));
    }
}
