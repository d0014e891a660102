package dev.wasmtck.cases;

import dev.wasmtck.host.Limits;
import dev.wasmtck.yaml.CaseFormatException;
import dev.wasmtck.yaml.SourceRef;
import dev.wasmtck.msgpack.PayloadExpectation;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One case from a case file, fully parsed and validated. A case whose own entry is malformed is
 * kept with its {@code error} so it fails as its own test instead of disappearing.
 *
 * @param input the payload bytes handed to the guest
 * @param settings the ABI's parsed {@code host:} section
 * @param stdout expected stdout, or null to ignore it
 * @param stderr expected stderr, or null to ignore it
 * @param exit the exit code the program must end with, or null: then a non-zero exit is a failure
 * @param globals values the guest must leave in JS globals (wasm-exec), by name
 * @param hostCalls the calls the guest must make to the host, in order (waPC), or null to ignore them
 * @param level whether a host must pass the case to conform ({@link Level#REQUIRED}) or may lack it
 * @param requires host capabilities the case needs; a host without one of them skips the case
 * @param skip a reason to report the case skipped, or null
 * @param error why this case entry is invalid, or null
 * @param concurrent the calls of a concurrent case (then {@code function}, {@code input} and the
 *     expectations above are unused), or null for a case of one call
 */
public record CaseSpec(
        String id,
        String name,
        SourceRef where,
        String abi,
        String function,
        byte[] input,
        Object settings,
        Expected expected,
        TextMatch stdout,
        TextMatch stderr,
        Integer exit,
        Map<String, PayloadExpectation> globals,
        PayloadExpectation hostCalls,
        List<GuestRef> guests,
        Set<String> tags,
        Level level,
        Set<String> requires,
        Limits limits,
        String skip,
        CaseFormatException error,
        Concurrency concurrent) {

    /** How much a case counts: a host conforms when it passes every required case of its ABIs. */
    public enum Level {
        REQUIRED, OPTIONAL;

        /** The spelling in case files, tags and reports. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    static CaseSpec broken(String id, SourceRef where, Set<String> tags, CaseFormatException error) {
        return new CaseSpec(id, null, where, null, null, null, null, null, null, null, null, Map.of(), null, List.of(), tags,
                Level.REQUIRED, Set.of(), null, null, error, null);
    }
}
