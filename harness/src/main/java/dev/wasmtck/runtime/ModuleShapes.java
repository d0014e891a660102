package dev.wasmtck.runtime;

import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import dev.wasmtck.host.GuestFault;
import dev.wasmtck.host.GuestModule;
import dev.wasmtck.host.ModuleShape;
import java.util.ArrayList;
import java.util.List;

/** Reads a module's {@link ModuleShape} with Chicory's parser: no compilation, no instance. */
public final class ModuleShapes {
    private ModuleShapes() {}

    /** @throws GuestFault of kind LINK when the bytes are not a WebAssembly module */
    public static ModuleShape read(GuestModule guest) throws GuestFault {
        WasmModule module;
        try {
            module = Parser.parse(guest.wasm());
        } catch (ChicoryException | IllegalArgumentException e) {
            throw new GuestFault(GuestFault.Kind.LINK, guest.name() + " is not a valid WebAssembly module: "
                    + e.getMessage(), e);
        }
        List<ModuleShape.Import> imports = new ArrayList<>();
        List<FunctionType> importedFunctions = new ArrayList<>();
        for (int i = 0; i < module.importSection().importCount(); i++) {
            Import imp = module.importSection().getImport(i);
            String signature = null;
            if (imp instanceof FunctionImport f) {
                FunctionType type = module.typeSection().getType(f.typeIndex());
                importedFunctions.add(type);
                signature = ChicoryModule.signature(type);
            }
            imports.add(new ModuleShape.Import(imp.module(), imp.name(), kind(imp.importType().name()), signature));
        }
        List<ModuleShape.Export> exports = new ArrayList<>();
        for (int i = 0; i < module.exportSection().exportCount(); i++) {
            Export e = module.exportSection().getExport(i);
            ModuleShape.Kind kind = kind(e.exportType().name());
            String signature = null;
            if (kind == ModuleShape.Kind.FUNCTION) {
                int index = e.index();
                FunctionType type = index < importedFunctions.size() ? importedFunctions.get(index)
                        : module.typeSection().getType(
                                module.functionSection().getFunctionType(index - importedFunctions.size()));
                signature = ChicoryModule.signature(type);
            }
            exports.add(new ModuleShape.Export(e.name(), kind, signature));
        }
        boolean definesMemory = module.memorySection().map(s -> s.memoryCount() > 0).orElse(false);
        return new ModuleShape(guest.name(), imports, exports, definesMemory);
    }

    private static ModuleShape.Kind kind(String chicoryName) {
        return ModuleShape.Kind.valueOf(chicoryName);
    }
}
