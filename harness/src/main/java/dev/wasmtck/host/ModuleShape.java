package dev.wasmtck.host;

import java.util.List;
import java.util.Optional;

/**
 * What a structural rule sees of a module: its imports and exports with their types, independent of
 * any runtime. Function types are written {@code (i32, i32) -> i32}.
 *
 * @param definesMemory whether the module defines a linear memory of its own (rather than importing one)
 */
public record ModuleShape(String name, List<Import> imports, List<Export> exports, boolean definesMemory) {

    public enum Kind { FUNCTION, TABLE, MEMORY, GLOBAL, TAG }

    /** @param signature the function type, or null for other kinds */
    public record Import(String module, String name, Kind kind, String signature) {
        public String qualifiedName() {
            return module + "." + name;
        }
    }

    /** @param signature the function type, or null for other kinds */
    public record Export(String name, Kind kind, String signature) {}

    public ModuleShape {
        imports = List.copyOf(imports);
        exports = List.copyOf(exports);
    }

    public Optional<Export> export(String exportName) {
        return exports.stream().filter(e -> e.name().equals(exportName)).findFirst();
    }

    public List<String> exportNames() {
        return exports.stream().map(Export::name).toList();
    }
}
