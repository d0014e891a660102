package dev.wasmtck.host.bridge;

import dev.wasmtck.host.ModuleRule;
import dev.wasmtck.host.ModuleRules;
import dev.wasmtck.host.ModuleShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What every async-bridge module has (docs/abi-async-bridge.md): its own {@code memory}, the import
 * {@code env.get} in the seed or the handle form, the matching {@code callback}, the default entry
 * {@code call}, and no imports beyond env.get, env.emscripten_notify_memory_growth and WASI preview1.
 * {@code malloc} is not required: the seed's fixed-offset placement works without it.
 */
final class BridgeModuleRules {
    private static final String SEED_GET = BridgeGuest.SEED_GET.toString();
    private static final String HANDLE_GET = BridgeGuest.HANDLE_GET.toString();
    private static final String SEED_CALLBACK = BridgeGuest.SEED_CALLBACK.toString();
    private static final String HANDLE_CALLBACK = BridgeGuest.HANDLE_CALLBACK.toString();

    private BridgeModuleRules() {}

    static List<ModuleRule> rules() {
        return List.of(
                ModuleRules.exportsMemory(BridgeGuest.MEMORY),
                ModuleRule.of("imports env.get", m -> {
                    Optional<ModuleShape.Import> get = get(m);
                    if (get.isEmpty()) {
                        return List.of(m.name() + " does not import env.get, through which an async-bridge guest starts"
                                + " its operations (" + SEED_GET + " in the seed form, " + HANDLE_GET + " in the handle form)");
                    }
                    String sig = get.get().signature();
                    if (!SEED_GET.equals(sig) && !HANDLE_GET.equals(sig)) {
                        return List.of(m.name() + " imports env.get as " + sig + ", but it is " + SEED_GET
                                + " (seed form) or " + HANDLE_GET + " (handle form)");
                    }
                    return List.of();
                }),
                ModuleRule.of("exports callback", m -> {
                    String getSig = get(m).map(ModuleShape.Import::signature).orElse(null);
                    String form = HANDLE_GET.equals(getSig) ? "handle form" : SEED_GET.equals(getSig) ? "seed form" : null;
                    String[] accepted = HANDLE_GET.equals(getSig) ? new String[] {HANDLE_CALLBACK}
                            : SEED_GET.equals(getSig) ? new String[] {SEED_CALLBACK}
                            : new String[] {SEED_CALLBACK, HANDLE_CALLBACK};
                    String role = "the callback answers are delivered through" + (form == null ? "" : " (" + form + ")");
                    return ModuleRules.exportsFunction(BridgeGuest.CALLBACK, role, accepted).check(m);
                }),
                ModuleRules.exportsFunction("call", "the default entry point", BridgeGuest.ENTRY.toString()),
                ModuleRule.of("imports only env.get, env.emscripten_notify_memory_growth and WASI preview1", m -> {
                    List<String> problems = new ArrayList<>(ModuleRules.nonFunctionImports(m));
                    String notify = BridgeGuest.NOTIFY_TYPE.toString();
                    for (ModuleShape.Import i : m.imports()) {
                        if (i.kind() != ModuleShape.Kind.FUNCTION
                                || i.module().equals(BridgeGuest.ENV) && i.name().equals(BridgeGuest.GET)) {
                            continue;
                        }
                        if (i.module().equals(BridgeGuest.ENV) && i.name().equals(BridgeGuest.NOTIFY_GROWTH)) {
                            if (!notify.equals(i.signature())) {
                                problems.add(m.name() + " imports " + i.qualifiedName() + " as " + i.signature()
                                        + ", expected " + notify);
                            }
                        } else if (i.module().equals(BridgeGuest.WASI)) {
                            String expected = BridgeGuest.wasiSignature(i.name()).map(Object::toString).orElse(null);
                            if (expected == null) {
                                problems.add(m.name() + " imports " + i.qualifiedName()
                                        + ", which is not a WASI preview1 function");
                            } else if (!expected.equals(i.signature())) {
                                problems.add(m.name() + " imports " + i.qualifiedName() + " as " + i.signature()
                                        + ", expected " + expected);
                            }
                        } else {
                            problems.add(m.name() + " imports " + i.qualifiedName() + " " + i.signature()
                                    + "; the async-bridge host provides only env.get, env." + BridgeGuest.NOTIFY_GROWTH
                                    + " and the " + BridgeGuest.WASI + " functions");
                        }
                    }
                    return problems;
                }));
    }

    private static Optional<ModuleShape.Import> get(ModuleShape m) {
        return m.imports().stream().filter(i -> i.kind() == ModuleShape.Kind.FUNCTION
                && i.module().equals(BridgeGuest.ENV) && i.name().equals(BridgeGuest.GET)).findFirst();
    }
}
