package dev.wasmtck.runtime;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.OpCode;
import com.dylibso.chicory.wasm.types.ValType;
import dev.wasmtck.host.GuestFault;
import dev.wasmtck.host.GuestFault.Kind;
import dev.wasmtck.host.GuestModule;
import dev.wasmtck.host.Limits;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A parsed guest module plus its machine factory, prepared once and shared by every instance: the
 * Chicory plumbing each reference host needs. It is immutable and thread-safe.
 *
 * <p>With {@code compile = true} the module is translated to JVM bytecode here, exactly once, and
 * the resulting factory is reused for every instance (the method-reference form of the compiler
 * would recompile per instance). With {@code compile = false} instances use the interpreter.
 */
public final class ChicoryModule {
    private static final AtomicLong COMPILATIONS = new AtomicLong();

    /** One function import: where it comes from and its type. */
    public record ImportedFunction(String module, String name, FunctionType type) {
        public String qualifiedName() {
            return module + "." + name;
        }
    }

    /** An active data segment whose offset is a constant. */
    public record DataRange(long offset, long length) {
        public long end() {
            return offset + length;
        }
    }

    private final String name;
    private final WasmModule module;
    private final Function<Instance, Machine> machineFactory;
    private final boolean compiled;
    private final List<ImportedFunction> functionImports;
    private final List<Import> otherImports;

    private ChicoryModule(String name, WasmModule module, Function<Instance, Machine> machineFactory,
            boolean compiled) {
        this.name = name;
        this.module = module;
        this.machineFactory = machineFactory;
        this.compiled = compiled;
        List<ImportedFunction> functions = new ArrayList<>();
        List<Import> others = new ArrayList<>();
        for (int i = 0; i < module.importSection().importCount(); i++) {
            Import imp = module.importSection().getImport(i);
            if (imp instanceof FunctionImport f) {
                functions.add(new ImportedFunction(f.module(), f.name(), module.typeSection().getType(f.typeIndex())));
            } else {
                others.add(imp);
            }
        }
        this.functionImports = List.copyOf(functions);
        this.otherImports = List.copyOf(others);
    }

    /**
     * Parses and (if asked) compiles a guest. A module Chicory cannot parse, validate or compile is
     * reported as a {@link Kind#LINK} fault: it cannot run on any ABI.
     */
    public static ChicoryModule load(GuestModule guest, boolean compile) throws GuestFault {
        WasmModule module;
        try {
            module = Parser.parse(guest.wasm());
        } catch (ChicoryException | IllegalArgumentException e) {
            throw new GuestFault(Kind.LINK, guest.name() + " is not a valid WebAssembly module: " + e.getMessage(), e);
        }
        if (!compile) {
            return new ChicoryModule(guest.name(), module, InterpreterMachine::new, false);
        }
        Function<Instance, Machine> factory;
        try {
            // Functions too large for one JVM method run interpreted; silently, because the notice
            // would land in the output of the program under test.
            var builder = MachineFactoryCompiler.builder(module).withInterpreterFallback(InterpreterFallback.SILENT);
            CompiledCache cache = CompiledCache.configured();
            if (cache != null) {
                builder.withCache(cache);
            }
            factory = builder.compile();
        } catch (ChicoryException | IllegalArgumentException | IllegalStateException e) {
            throw new GuestFault(Kind.LINK, "Chicory could not compile " + guest.name() + ": " + e.getMessage(), e);
        }
        COMPILATIONS.incrementAndGet();
        return new ChicoryModule(guest.name(), module, factory, true);
    }

    /** How many modules this JVM has compiled so far (diagnostics; tests prove compile-once with it). */
    public static long compilations() {
        return COMPILATIONS.get();
    }

    public String name() {
        return name;
    }

    public WasmModule module() {
        return module;
    }

    public Function<Instance, Machine> machineFactory() {
        return machineFactory;
    }

    public boolean compiled() {
        return compiled;
    }

    public List<ImportedFunction> functionImports() {
        return functionImports;
    }

    /** Imports that are not functions (memories, tables, globals, tags). */
    public List<Import> otherImports() {
        return otherImports;
    }

    public Optional<ImportedFunction> functionImport(String moduleName, String importName) {
        return functionImports.stream()
                .filter(f -> f.module().equals(moduleName) && f.name().equals(importName))
                .findFirst();
    }

    private Optional<Export> export(String exportName) {
        var section = module.exportSection();
        for (int i = 0; i < section.exportCount(); i++) {
            Export e = section.getExport(i);
            if (e.name().equals(exportName)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** The type of an exported function, empty when there is no function export of that name. */
    public Optional<FunctionType> exportedFunction(String exportName) {
        return export(exportName).filter(e -> e.exportType() == ExternalType.FUNCTION).map(e -> functionType(e.index()));
    }

    private FunctionType functionType(int functionIndex) {
        if (functionIndex < functionImports.size()) {
            return functionImports.get(functionIndex).type();
        }
        int local = functionIndex - functionImports.size();
        return module.typeSection().getType(module.functionSection().getFunctionType(local));
    }

    /**
     * Requires a function export with one of the {@code accepted} signatures and returns its type.
     *
     * @param role what the export is for, used in messages (e.g. "the async-bridge callback")
     */
    public FunctionType requireFunction(String exportName, String role, FunctionType... accepted) throws GuestFault {
        Optional<Export> export = export(exportName);
        if (export.isEmpty()) {
            throw new GuestFault(Kind.LINK, name + " does not export " + exportName + ", " + role
                    + " (expected " + signatures(accepted) + ")");
        }
        if (export.get().exportType() != ExternalType.FUNCTION) {
            throw new GuestFault(Kind.LINK, name + " exports " + exportName + " as a "
                    + export.get().exportType().name().toLowerCase(java.util.Locale.ROOT) + ", but " + role
                    + " must be a function " + signatures(accepted));
        }
        FunctionType actual = functionType(export.get().index());
        if (accepted.length > 0 && Arrays.stream(accepted).noneMatch(actual::equals)) {
            throw new GuestFault(Kind.LINK, "export " + exportName + " (" + role + ") has signature "
                    + signature(actual) + ", expected " + signatures(accepted));
        }
        return actual;
    }

    /** Requires the module to define and export its memory under {@code exportName}. */
    public void requireMemory(String exportName) throws GuestFault {
        Optional<Export> export = export(exportName);
        if (export.isEmpty() || export.get().exportType() != ExternalType.MEMORY) {
            throw new GuestFault(Kind.LINK, name + " does not export its linear memory as '" + exportName + "'");
        }
        if (module.memorySection().map(s -> s.memoryCount()).orElse(0) == 0) {
            throw new GuestFault(Kind.LINK, name + " exports an imported memory; this host expects the module to"
                    + " define its own memory");
        }
    }

    /** The memory limits the module declares, if it defines a memory. */
    public Optional<MemoryLimits> declaredMemory() {
        return module.memorySection().filter(s -> s.memoryCount() > 0).map(s -> s.getMemory(0).limits());
    }

    /** The memory limits an instance gets under {@code limits}: the module's own, capped by the case. */
    public MemoryCap memoryCap(Limits limits) {
        MemoryLimits declared = declaredMemory().orElse(new MemoryLimits(0));
        return new MemoryCap(declared.initialPages(), declared.maximumPages(), limits.maxMemoryPages());
    }

    /** The active data segment at the lowest constant offset, if any (segments placed by a global are skipped). */
    public Optional<DataRange> lowestActiveData() {
        DataRange lowest = null;
        for (DataSegment segment : module.dataSection().dataSegments()) {
            if (segment instanceof ActiveDataSegment active && active.data().length > 0) {
                List<Instruction> offset = active.offsetInstructions();
                if (!offset.isEmpty() && offset.get(0).opcode() == OpCode.I32_CONST) {
                    long at = GuestMemory.u32((int) offset.get(0).operand(0));
                    if (lowest == null || at < lowest.offset()) {
                        lowest = new DataRange(at, active.data().length);
                    }
                }
            }
        }
        return Optional.ofNullable(lowest);
    }

    /**
     * A builder for a fresh instance: this module's machine factory, memory capped by {@code limits},
     * and {@code _start} not run (ABIs decide themselves what to call).
     *
     * @throws GuestFault {@link Kind#MEMORY_LIMIT} when the module's initial memory alone exceeds the cap
     */
    public Instance.Builder instanceBuilder(Limits limits) throws GuestFault {
        MemoryCap cap = memoryCap(limits);
        if (cap.initialPages() > cap.casePages()) {
            throw new GuestFault(Kind.MEMORY_LIMIT, name + " declares an initial memory of " + MemoryCap.describe(cap.initialPages())
                    + ", more than the case's limit of " + MemoryCap.describe(cap.casePages()));
        }
        Instance.Builder builder = Instance.builder(module).withMachineFactory(machineFactory).withStart(false);
        if (declaredMemory().isPresent()) {
            builder.withMemoryLimits(new MemoryLimits(cap.initialPages(), cap.effectiveMaxPages()));
        }
        return builder;
    }

    /** "(i32, i32) -> i32". */
    public static String signature(FunctionType type) {
        return "(" + type.params().stream().map(ChicoryModule::valType).collect(Collectors.joining(", ")) + ") -> "
                + (type.returns().isEmpty() ? "()"
                        : type.returns().size() == 1 ? valType(type.returns().get(0))
                                : "(" + type.returns().stream().map(ChicoryModule::valType)
                                        .collect(Collectors.joining(", ")) + ")");
    }

    private static String signatures(FunctionType... types) {
        return Arrays.stream(types).map(ChicoryModule::signature).collect(Collectors.joining(" or "));
    }

    private static String valType(ValType t) {
        if (t.equals(ValType.I32)) {
            return "i32";
        }
        if (t.equals(ValType.I64)) {
            return "i64";
        }
        if (t.equals(ValType.F32)) {
            return "f32";
        }
        if (t.equals(ValType.F64)) {
            return "f64";
        }
        if (t.equals(ValType.V128)) {
            return "v128";
        }
        return t.toString().toLowerCase(java.util.Locale.ROOT);
    }

    /** Shorthand for building function types in signature checks. */
    public static FunctionType fn(List<ValType> params, List<ValType> results) {
        return FunctionType.of(params, results);
    }

    /** Memory bounds of one instance. */
    public record MemoryCap(int initialPages, int declaredMaxPages, int casePages) {
        /** The maximum the instance gets: the module's own maximum or the case's, whichever is lower. */
        public int effectiveMaxPages() {
            return Math.max(initialPages, Math.min(declaredMaxPages, casePages));
        }

        /** Whether the case, not the module, sets the maximum. */
        public boolean caseBinds() {
            return casePages < declaredMaxPages;
        }

        /** True when {@code memory} sits at the case's cap, which the module itself would have allowed it to pass. */
        public boolean atCaseLimit(Memory memory) {
            return caseBinds() && memory != null && memory.pages() >= effectiveMaxPages();
        }

        public static String describe(int pages) {
            long bytes = (long) pages * Memory.PAGE_SIZE;
            String size = bytes % (1 << 20) == 0 ? (bytes >> 20) + " MiB" : (bytes >> 10) + " KiB";
            return pages + (pages == 1 ? " page" : " pages") + " (" + size + ")";
        }
    }
}
