package dev.wasmtck.host.bridge;

import dev.wasmtck.abi.bridge.BridgeForm;
import dev.wasmtck.host.ModuleRule;
import dev.wasmtck.host.ModuleRules;
import dev.wasmtck.host.ModuleShape;
import dev.wasmtck.runtime.FunctionType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What every async-bridge module has (docs/abi-async-bridge.md): the import {@code env.get} in one of the
 * {@link BridgeForm}s, the {@code callback} and default entry {@code call} of that form, its own
 * {@code memory} (except in the value form, which passes numbers), and no imports beyond env.get,
 * env.emscripten_notify_memory_growth and WASI preview1. Each message names the form recognised.
 * {@code malloc} is not required: the seed's fixed-offset placement works without it.
 */
final class BridgeModuleRules {
    private BridgeModuleRules() {}

    static List<ModuleRule> rules() {
        return List.of(
                // The value form passes numbers only; it needs a memory just for WASI.
                ModuleRule.of("exports memory 'memory'", m -> form(m).filter(f -> !f.payloadsInMemory()).isPresent()
                        && m.imports().stream().noneMatch(i -> i.module().equals(BridgeGuest.WASI))
                        ? List.of() : ModuleRules.exportsMemory(BridgeGuest.MEMORY).check(m)),
                ModuleRule.of("imports env.get", m -> {
                    Optional<ModuleShape.Import> get = get(m);
                    if (get.isEmpty()) {
                        return List.of(m.name() + " does not import env.get, through which an async-bridge guest starts"
                                + " its operations (" + BridgeForm.acceptedGets() + ")");
                    }
                    if (form(m).isEmpty()) {
                        return List.of(m.name() + " imports env.get as " + get.get().signature() + ", but it is "
                                + BridgeForm.acceptedGets());
                    }
                    return List.of();
                }),
                ModuleRule.of("exports callback", m -> formExport(m, BridgeGuest.CALLBACK,
                        "the callback", f -> List.of(f.callback()))),
                ModuleRule.of("exports call", m -> formExport(m, "call", "the default entry point",
                        BridgeForm::entries)),
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

    /**
     * The export checked against the form recognised from env.get (any form's types when none is), its
     * role naming the form: "the default entry point of the value form (recognised from env.get (i32) -> ())".
     */
    private static List<String> formExport(ModuleShape m, String name, String role,
            Function<BridgeForm, List<FunctionType>> types) {
        Optional<BridgeForm> form = form(m);
        String[] accepted = (form.isPresent() ? Stream.of(form.get()) : Stream.of(BridgeForm.values()))
                .flatMap(f -> types.apply(f).stream()).map(FunctionType::toString).distinct().toArray(String[]::new);
        String named = form.map(f -> role + " of " + f.description() + " (recognised from env.get "
                + get(m).get().signature() + ")").orElse(role + " of any form");
        return ModuleRules.exportsFunction(name, named, accepted).check(m);
    }

    /** "the value form (env.get (i32) -> ())", from the type of env.get. */
    static Optional<String> recognise(ModuleShape m) {
        return form(m).map(f -> f.description() + " (env.get " + get(m).get().signature() + ")");
    }

    private static Optional<BridgeForm> form(ModuleShape m) {
        return get(m).flatMap(i -> BridgeForm.ofGet(i.signature()));
    }

    private static Optional<ModuleShape.Import> get(ModuleShape m) {
        return m.imports().stream().filter(i -> i.kind() == ModuleShape.Kind.FUNCTION
                && i.module().equals(BridgeGuest.ENV) && i.name().equals(BridgeGuest.GET)).findFirst();
    }
}
