package dev.wasmtck.internal.cases;

import dev.wasmtck.runtime.Limits;
import dev.wasmtck.internal.yaml.CaseFormatException;
import dev.wasmtck.internal.yaml.SourceRef;
import java.util.List;
import java.util.Set;

/**
 * One case from a case file, fully parsed and validated. A case whose own entry is malformed is
 * kept with its {@code error} so it fails as its own test instead of disappearing.
 *
 * @param settings the ABI's parsed {@code host:} section, of its {@link dev.wasmtck.host.Abi#settingsType()}
 * @param call the case's call and what it must show; null for a concurrent case (and a broken one)
 * @param level whether a host must pass the case to conform ({@link Level#REQUIRED}) or may lack it
 * @param requires host capabilities the case needs; a host without one of them skips the case
 * @param skip a reason to report the case skipped, or null
 * @param error why this case entry is invalid, or null
 * @param concurrent the calls of a concurrent case, or null for a case of one call
 */
public record CaseSpec(
        String id,
        String name,
        SourceRef where,
        String abi,
        Object settings,
        CallSpec call,
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
        return new CaseSpec(id, null, where, null, null, null, List.of(), tags, Level.REQUIRED, Set.of(), null, null,
                error, null);
    }
}
