package dev.wasmtck.host;

import org.apiguardian.api.API;
import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.runtime.GuestFault.Kind;
import dev.wasmtck.module.FunctionType;
import dev.wasmtck.module.ModuleShape;
import dev.wasmtck.module.ModuleShape.Export;
import dev.wasmtck.module.ModuleShape.ExternKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Building blocks for {@link ModuleRule}s, each returning the problems it finds worded for the guest's
 * author, and {@link #link}, which a host's {@code prepare} runs so that it links exactly the modules
 * its ABI's rules accept.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ModuleRules {
    private ModuleRules() {}

    /** Every problem each of {@code rules} finds in {@code module}, in rule order. */
    public static List<String> problems(List<ModuleRule> rules, ModuleShape module) {
        List<String> all = new ArrayList<>();
        for (ModuleRule rule : rules) {
            all.addAll(rule.check(module));
        }
        return all;
    }

    /**
     * Runs {@code rules} (an ABI's {@link Abi#moduleRules()}) as a host's link check.
     *
     * @throws GuestFault one {@link Kind#LINK} fault listing every problem, when there is any
     */
    public static void link(List<ModuleRule> rules, ModuleShape module) throws GuestFault {
        List<String> problems = problems(rules, module);
        if (!problems.isEmpty()) {
            throw new GuestFault(Kind.LINK, String.join("; ", problems));
        }
    }

    /** The module must export a function {@code name} with one of the {@code accepted} signatures. */
    public static ModuleRule exportsFunction(String name, String role, FunctionType... accepted) {
        return ModuleRule.of("exports " + name, m -> {
            String wanted = Arrays.stream(accepted).map(FunctionType::toString).collect(Collectors.joining(" or "));
            Optional<Export> e = m.export(name);
            if (e.isEmpty()) {
                return List.of(m.name() + " does not export " + name + ", " + role + " " + wanted
                        + "; its exports are " + m.exportNames());
            }
            if (e.get().kind() != ExternKind.FUNCTION) {
                return List.of(m.name() + " exports " + name + " as a " + e.get().kind().text() + ", but " + role
                        + " is a function " + wanted);
            }
            if (!List.of(accepted).contains(e.get().type())) {
                return List.of(m.name() + " exports " + name + " as " + e.get().type() + ", but " + role
                        + " is " + wanted);
            }
            return List.of();
        });
    }

    /** The module must define its own linear memory and export it as {@code name}. */
    public static ModuleRule exportsMemory(String name) {
        return ModuleRule.of("exports memory '" + name + "'", m -> {
            Optional<Export> e = m.export(name);
            if (e.isEmpty() || e.get().kind() != ExternKind.MEMORY) {
                return List.of(m.name() + " does not export its linear memory as '" + name + "'"
                        + (e.isPresent() ? " (it exports a " + e.get().kind().text() + " of that name)" : "")
                        + "; its exports are " + m.exportNames());
            }
            if (!m.definesMemory()) {
                return List.of(m.name() + " exports an imported memory as '" + name
                        + "'; the host expects the module to define its own");
            }
            return List.of();
        });
    }

    /** Every import that is not a function, one problem each: these ABIs link functions only. */
    public static List<String> nonFunctionImports(ModuleShape m) {
        List<String> problems = new ArrayList<>();
        for (ModuleShape.Import i : m.otherImports()) {
            problems.add(m.name() + " imports a " + i.kind().text() + " " + i.qualifiedName()
                    + "; the host provides functions only");
        }
        return problems;
    }
}
