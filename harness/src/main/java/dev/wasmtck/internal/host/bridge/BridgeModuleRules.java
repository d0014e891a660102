package dev.wasmtck.internal.host.bridge;

import dev.wasmtck.abi.bridge.BridgeForm;
import dev.wasmtck.host.ModuleRule;
import dev.wasmtck.host.ModuleRules;
import dev.wasmtck.module.FunctionType;
import dev.wasmtck.module.ModuleShape;
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
 * {@link AsyncBridgeHost#prepare} runs these same rules as its link check.
 */
final class BridgeModuleRules {
    static final List<ModuleRule> RULES = rules();

    private BridgeModuleRules() {}

    private static List<ModuleRule> rules() {
        return List.of(
                // The value form passes numbers only; it needs a memory just for WASI.
                ModuleRule.of("exports memory 'memory'", m -> form(m).filter(f -> !f.payloadsInMemory()).isPresent()
                        && !m.importsFrom(BridgeGuest.WASI)
                        ? List.of() : ModuleRules.exportsMemory(BridgeGuest.MEMORY).check(m)),
                ModuleRule.of("imports env.get", m -> {
                    Optional<ModuleShape.Import> get = get(m);
                    if (get.isEmpty()) {
                        return List.of(m.name() + " does not import env.get, through which an async-bridge guest starts"
                                + " its operations (" + BridgeForm.acceptedGets() + ")");
                    }
                    if (form(m).isEmpty()) {
                        return List.of(m.name() + " imports env.get as " + get.get().type() + ", but it is "
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
                    for (ModuleShape.Import i : m.functionImports()) {
                        if (i.isFunction(BridgeGuest.ENV, BridgeGuest.GET)) {
                            continue;
                        }
                        if (i.isFunction(BridgeGuest.ENV, BridgeGuest.NOTIFY_GROWTH)) {
                            if (!BridgeGuest.NOTIFY_TYPE.equals(i.type())) {
                                problems.add(m.name() + " imports " + i.qualifiedName() + " as " + i.type()
                                        + ", expected " + BridgeGuest.NOTIFY_TYPE);
                            }
                        } else if (i.module().equals(BridgeGuest.WASI)) {
                            Optional<FunctionType> expected = BridgeGuest.wasiSignature(i.name());
                            if (expected.isEmpty()) {
                                problems.add(m.name() + " imports " + i.qualifiedName()
                                        + ", which is not a WASI preview1 function");
                            } else if (!expected.get().equals(i.type())) {
                                problems.add(m.name() + " imports " + i.qualifiedName() + " as " + i.type()
                                        + ", expected " + expected.get());
                            }
                        } else {
                            problems.add(m.name() + " imports " + i.qualifiedName() + " " + i.type()
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
        FunctionType[] accepted = (form.isPresent() ? Stream.of(form.get()) : Stream.of(BridgeForm.values()))
                .flatMap(f -> types.apply(f).stream()).distinct().toArray(FunctionType[]::new);
        String named = form.map(f -> role + " of " + f.description() + " (recognised from env.get "
                + get(m).get().type() + ")").orElse(role + " of any form");
        return ModuleRules.exportsFunction(name, named, accepted).check(m);
    }

    /** "the value form (env.get (i32) -> ())", from the type of env.get. */
    static Optional<String> recognise(ModuleShape m) {
        return form(m).map(f -> f.description() + " (env.get " + get(m).get().type() + ")");
    }

    /** The form recognised from the type of env.get, if it has one of the forms' types. */
    static Optional<BridgeForm> form(ModuleShape m) {
        return get(m).flatMap(i -> BridgeForm.ofGet(i.type()));
    }

    private static Optional<ModuleShape.Import> get(ModuleShape m) {
        return m.functionImport(BridgeGuest.ENV, BridgeGuest.GET);
    }
}
