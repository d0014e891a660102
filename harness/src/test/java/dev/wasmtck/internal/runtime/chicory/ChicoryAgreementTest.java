package dev.wasmtck.internal.runtime.chicory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.OpCode;
import com.dylibso.chicory.wasm.types.ValType;
import dev.wasmtck.module.ModuleReader;
import dev.wasmtck.module.ModuleShape;
import dev.wasmtck.internal.runtime.wasi.WasiPreview1;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Our runtime-agnostic readers agree with Chicory's: {@link ModuleShape} with Chicory's parser on every
 * test fixture and every guest in the local guest cache, and our WASI signature table with the
 * functions Chicory's WASI offered the hosts before they had their own.
 */
class ChicoryAgreementTest {

    static Stream<Path> modules() throws Exception {
        List<Path> all = new ArrayList<>();
        try (Stream<Path> wat = Files.list(Path.of("src", "test", "resources", "wat"))) {
            wat.filter(p -> p.toString().endsWith(".wasm")).forEach(all::add);
        }
        Path cache = Path.of(System.getProperty("user.home"), ".cache", "wasm-tck", "guests");
        if (Files.isDirectory(cache)) {
            // Every C guest (small), and a few Go binaries (megabytes each, slow to parse twice).
            int go = 0;
            try (Stream<Path> guests = Files.list(cache)) {
                for (Path p : guests.filter(p -> p.toString().endsWith(".wasm")).sorted().toList()) {
                    Path props = Path.of(p.toString().replaceAll("\\.wasm$", ".properties"));
                    boolean c = Files.exists(props) && Files.readString(props).contains("guest=c/");
                    if (c || go++ < 3) {
                        all.add(p);
                    }
                }
            }
        }
        return all.stream();
    }

    @TestFactory
    Stream<DynamicTest> shapesMatchChicorysParser() throws Exception {
        return modules().map(path -> DynamicTest.dynamicTest(path.getFileName().toString(), () -> {
            byte[] bytes = Files.readAllBytes(path);
            WasmModule chicory = Parser.parse(bytes);
            ModuleShape ours = ModuleReader.read(path.getFileName().toString(), bytes);
            assertEquals(describe(chicory), describe(ours));
        }));
    }

    /** A comparable text form: imports, exports with function types, memory limits, constant data offsets. */
    private static List<String> describe(WasmModule m) {
        List<String> out = new ArrayList<>();
        List<FunctionType> functions = new ArrayList<>();
        for (int i = 0; i < m.importSection().importCount(); i++) {
            Import imp = m.importSection().getImport(i);
            String type = "";
            if (imp instanceof FunctionImport f) {
                FunctionType t = m.typeSection().getType(f.typeIndex());
                functions.add(t);
                type = " " + text(t);
            }
            out.add("import " + imp.module() + "." + imp.name() + " " + imp.importType().name().toLowerCase() + type);
        }
        for (int i = 0; i < m.functionSection().functionCount(); i++) {
            functions.add(m.typeSection().getType(m.functionSection().getFunctionType(i)));
        }
        for (int i = 0; i < m.exportSection().exportCount(); i++) {
            Export e = m.exportSection().getExport(i);
            String kind = e.exportType().name().toLowerCase();
            out.add("export " + e.name() + " " + kind + (kind.equals("function") ? " " + text(functions.get(e.index())) : ""));
        }
        m.memorySection().filter(s -> s.memoryCount() > 0).ifPresent(s -> out.add("memory "
                + s.getMemory(0).limits().initialPages() + ".." + s.getMemory(0).limits().maximumPages()));
        for (DataSegment d : m.dataSection().dataSegments()) {
            if (d instanceof ActiveDataSegment a && a.offsetInstructions().size() == 1
                    && a.offsetInstructions().get(0).opcode() == OpCode.I32_CONST) {
                out.add("data " + (a.offsetInstructions().get(0).operand(0) & 0xFFFF_FFFFL) + "+" + a.data().length);
            }
        }
        return out;
    }

    private static List<String> describe(ModuleShape s) {
        List<String> out = new ArrayList<>();
        for (ModuleShape.Import i : s.imports()) {
            out.add("import " + i.qualifiedName() + " " + i.kind().name().toLowerCase()
                    + (i.type() == null ? "" : " " + i.type()));
        }
        for (ModuleShape.Export e : s.exports()) {
            out.add("export " + e.name() + " " + e.kind().name().toLowerCase() + (e.type() == null ? "" : " " + e.type()));
        }
        s.definedMemory().ifPresent(m -> out.add("memory " + m.initialPages() + ".." + m.maximumPages()));
        for (ModuleShape.DataRange d : s.activeData()) {
            out.add("data " + d.offset() + "+" + d.length());
        }
        return out;
    }

    private static String text(FunctionType t) {
        return "(" + String.join(", ", t.params().stream().map(ChicoryAgreementTest::text).toList()) + ") -> "
                + (t.returns().size() == 1 ? text(t.returns().get(0))
                        : "(" + String.join(", ", t.returns().stream().map(ChicoryAgreementTest::text).toList()) + ")");
    }

    private static String text(ValType v) {
        return v.toString().toLowerCase();
    }

    @Test
    void wasiSignaturesAreChicorys() {
        Map<String, String> chicory = new TreeMap<>();
        try (var wasi = com.dylibso.chicory.wasi.WasiPreview1.builder().withOptions(WasiOptions.builder().build()).build()) {
            for (HostFunction f : wasi.toHostFunctions()) {
                chicory.put(f.name(), text(f.functionType()));
            }
        }
        Map<String, String> ours = new TreeMap<>();
        WasiPreview1.signatures().forEach((name, type) -> ours.put(name, type.toString()));
        assertFalse(ours.isEmpty());
        assertEquals(chicory, ours);
    }
}
