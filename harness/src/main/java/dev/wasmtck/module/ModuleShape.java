package dev.wasmtck.module;

import org.jspecify.annotations.Nullable;
import org.apiguardian.api.API;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a module imports, exports and declares, with typed signatures: the one model every runtime
 * binding links against and every ABI's structural rules read. {@link ModuleReader} builds it from a
 * binary; tests may build one directly.
 *
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ModuleShape {

    /** What an import or export is. */
    public enum ExternKind {
        FUNCTION, TABLE, MEMORY, GLOBAL, TAG;

        /** "function", "memory", for messages. */
        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One import; {@code type} is set for functions only. */
    public record Import(String module, String name, ExternKind kind, @Nullable FunctionType type) {
        public String qualifiedName() {
            return module + "." + name;
        }

        public boolean isFunction(String moduleName, String functionName) {
            return kind == ExternKind.FUNCTION && module.equals(moduleName) && name.equals(functionName);
        }
    }

    /** One export; {@code type} is set for functions only. */
    public record Export(String name, ExternKind kind, @Nullable FunctionType type) {}

    /** Declared memory limits in pages; {@code maximumPages} is {@link #MAX_PAGES} when the module sets none. */
    public record MemoryLimits(int initialPages, int maximumPages) {}

    /** An active data segment whose offset is a constant. */
    public record DataRange(long offset, long length) {
        public long end() {
            return offset + length;
        }
    }

    /** The most pages a 32-bit memory has. */
    public static final int MAX_PAGES = 65536;

    private final String name;
    private final List<Import> imports;
    private final List<Export> exports;
    private final MemoryLimits definedMemory;
    private final List<DataRange> activeData;

    /**
     * @param definedMemory the limits of the memory the module defines (not imports), or null when it defines none
     * @param activeData active data segments placed at constant offsets, in module order
     */
    public ModuleShape(String name, List<Import> imports, List<Export> exports, MemoryLimits definedMemory,
            List<DataRange> activeData) {
        this.name = name;
        this.imports = List.copyOf(imports);
        this.exports = List.copyOf(exports);
        this.definedMemory = definedMemory;
        this.activeData = List.copyOf(activeData);
    }

    /** A shape without memory limits or data, as tests and adapters describe modules. */
    public ModuleShape(String name, List<Import> imports, List<Export> exports, boolean definesMemory) {
        this(name, imports, exports, definesMemory ? new MemoryLimits(0, MAX_PAGES) : null, List.of());
    }

    public String name() {
        return name;
    }

    public List<Import> imports() {
        return imports;
    }

    public List<Export> exports() {
        return exports;
    }

    /** Function imports, in import order. */
    public List<Import> functionImports() {
        return imports.stream().filter(i -> i.kind() == ExternKind.FUNCTION).toList();
    }

    /** Imports that are not functions (memories, tables, globals, tags). */
    public List<Import> otherImports() {
        return imports.stream().filter(i -> i.kind() != ExternKind.FUNCTION).toList();
    }

    public Optional<Import> functionImport(String module, String importName) {
        return imports.stream().filter(i -> i.isFunction(module, importName)).findFirst();
    }

    /** Whether the module imports any function from {@code module}. */
    public boolean importsFrom(String module) {
        return imports.stream().anyMatch(i -> i.kind() == ExternKind.FUNCTION && i.module().equals(module));
    }

    public Optional<Export> export(String exportName) {
        return exports.stream().filter(e -> e.name().equals(exportName)).findFirst();
    }

    public List<String> exportNames() {
        return exports.stream().map(Export::name).toList();
    }

    /** The type of an exported function, empty when there is no function export of that name. */
    public Optional<FunctionType> exportedFunction(String exportName) {
        return export(exportName).filter(e -> e.kind() == ExternKind.FUNCTION).map(Export::type);
    }

    /** The limits of the memory the module defines (not imports), if any. */
    public Optional<MemoryLimits> definedMemory() {
        return Optional.ofNullable(definedMemory);
    }

    /** Whether the module defines a linear memory of its own (rather than importing one or having none). */
    public boolean definesMemory() {
        return definedMemory != null;
    }

    /** Active data segments placed at constant offsets, in module order. */
    public List<DataRange> activeData() {
        return activeData;
    }

    /** The active data segment at the lowest constant offset, if any (segments placed by a global are skipped). */
    public Optional<DataRange> lowestActiveData() {
        return activeData.stream().filter(d -> d.length() > 0)
                .min((a, b) -> Long.compare(a.offset(), b.offset()));
    }
}
