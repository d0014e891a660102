package dev.wasmtck.runtime;

import dev.wasmtck.host.GuestFault;
import dev.wasmtck.host.GuestModule;
import dev.wasmtck.module.ModuleShape;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a module's {@link dev.wasmtck.host.ModuleShape} (the host SPI's view, signatures as text) with
 * the kit's own reader ({@link ModuleShape}): no runtime, no compilation, no instance.
 */
public final class ModuleShapes {
    private ModuleShapes() {}

    /** @throws GuestFault of kind LINK when the bytes are not a WebAssembly module */
    public static dev.wasmtck.host.ModuleShape read(GuestModule guest) throws GuestFault {
        return of(ModuleShape.read(guest.name(), guest.wasm()));
    }

    /** The host SPI's view of a shape already read, so hosts can ask the same questions structural rules ask. */
    public static dev.wasmtck.host.ModuleShape of(ModuleShape shape) {
        List<dev.wasmtck.host.ModuleShape.Import> imports = new ArrayList<>();
        for (ModuleShape.Import i : shape.imports()) {
            imports.add(new dev.wasmtck.host.ModuleShape.Import(i.module(), i.name(), kind(i.kind()),
                    i.type() == null ? null : i.type().toString()));
        }
        List<dev.wasmtck.host.ModuleShape.Export> exports = new ArrayList<>();
        for (ModuleShape.Export e : shape.exports()) {
            exports.add(new dev.wasmtck.host.ModuleShape.Export(e.name(), kind(e.kind()),
                    e.type() == null ? null : e.type().toString()));
        }
        return new dev.wasmtck.host.ModuleShape(shape.name(), imports, exports, shape.definedMemory().isPresent());
    }

    private static dev.wasmtck.host.ModuleShape.Kind kind(ModuleShape.ExternKind kind) {
        return dev.wasmtck.host.ModuleShape.Kind.valueOf(kind.name());
    }
}
