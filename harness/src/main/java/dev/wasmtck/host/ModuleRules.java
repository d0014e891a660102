package dev.wasmtck.host;

import dev.wasmtck.host.ModuleShape.Export;
import dev.wasmtck.host.ModuleShape.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Building blocks for {@link ModuleRule}s; each returns the problems it finds, worded for the guest's author. */
public final class ModuleRules {
    private ModuleRules() {}

    /** The module must export a function {@code name} with one of the {@code accepted} signatures. */
    public static ModuleRule exportsFunction(String name, String role, String... accepted) {
        return ModuleRule.of("exports " + name, m -> {
            String wanted = String.join(" or ", accepted);
            Optional<Export> e = m.export(name);
            if (e.isEmpty()) {
                return List.of(m.name() + " does not export " + name + ", " + role + " " + wanted
                        + "; its exports are " + m.exportNames());
            }
            if (e.get().kind() != Kind.FUNCTION) {
                return List.of(m.name() + " exports " + name + " as a " + label(e.get().kind()) + ", but " + role
                        + " is a function " + wanted);
            }
            if (!List.of(accepted).contains(e.get().signature())) {
                return List.of(m.name() + " exports " + name + " as " + e.get().signature() + ", but " + role
                        + " is " + wanted);
            }
            return List.of();
        });
    }

    /** The module must define its own linear memory and export it as {@code name}. */
    public static ModuleRule exportsMemory(String name) {
        return ModuleRule.of("exports memory '" + name + "'", m -> {
            Optional<Export> e = m.export(name);
            if (e.isEmpty() || e.get().kind() != Kind.MEMORY) {
                return List.of(m.name() + " does not export its linear memory as '" + name + "'"
                        + (e.isPresent() ? " (it exports a " + label(e.get().kind()) + " of that name)" : "")
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
        for (ModuleShape.Import i : m.imports()) {
            if (i.kind() != Kind.FUNCTION) {
                problems.add(m.name() + " imports a " + label(i.kind()) + " " + i.qualifiedName()
                        + "; the host provides functions only");
            }
        }
        return problems;
    }

    public static String label(Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
