package dev.wasmtck.host;

import org.apiguardian.api.API;
import dev.wasmtck.module.ModuleShape;
import java.util.List;

/**
 * One structural requirement an ABI puts on every guest module, such as "exports __guest_call".
 * Guest conformance runs each rule as its own test, so a module that breaks three rules shows three
 * precise failures rather than the first link error.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface ModuleRule {

    /** Short, stable name used in test names, e.g. {@code exports __guest_call}. */
    String id();

    /** Every way the module breaks this rule, each a sentence naming what was found; empty when it holds. */
    List<String> check(ModuleShape module);

    /** A rule from its name and check. */
    static ModuleRule of(String id, java.util.function.Function<ModuleShape, List<String>> check) {
        return new ModuleRule() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public List<String> check(ModuleShape module) {
                return check.apply(module);
            }
        };
    }
}
