package dev.wasmtck.module;

import org.apiguardian.api.API;
import dev.wasmtck.module.ModuleShape.DataRange;
import dev.wasmtck.module.ModuleShape.Export;
import dev.wasmtck.module.ModuleShape.ExternKind;
import dev.wasmtck.module.ModuleShape.Import;
import dev.wasmtck.module.ModuleShape.MemoryLimits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@link ModuleShape} from a binary in one pass, with our own small reader so every runtime
 * binding sees a module the same way. It reads the type, import, function, memory, export and data
 * sections and skips the rest (code included) by size, LEB128 throughout; it does not validate: the
 * runtime does that when it compiles. Lengths a hostile module could use to make a parser allocate
 * blindly are checked here.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ModuleReader {
    private final byte[] b;
    private int pos;

    private ModuleReader(byte[] b) {
        this.b = b;
    }

    /**
     * Reads a module's shape.
     *
     * @throws InvalidModuleException when the bytes are not a wasm binary this reader understands, its
     *     message "NAME is not a valid WebAssembly module: WHY"
     */
    public static ModuleShape read(String name, byte[] wasm) throws InvalidModuleException {
        try {
            return new ModuleReader(wasm).read(name);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new InvalidModuleException(name + " is not a valid WebAssembly module: " + e.getMessage(), e);
        }
    }

    private ModuleShape read(String name) {
        if (b.length < 8 || b[0] != 0 || b[1] != 'a' || b[2] != 's' || b[3] != 'm') {
            throw new IllegalArgumentException("no wasm magic number (\\0asm) at the start");
        }
        if (b[4] != 1 || b[5] != 0 || b[6] != 0 || b[7] != 0) {
            throw new IllegalArgumentException("unsupported binary version " + (b[4] & 0xFF));
        }
        pos = 8;
        List<FunctionType> types = new ArrayList<>();
        List<Import> imports = new ArrayList<>();
        List<FunctionType> functions = new ArrayList<>(); // every function index: imports first
        List<Export> exports = new ArrayList<>();
        List<DataRange> data = new ArrayList<>();
        MemoryLimits memory = null;
        List<int[]> rawExports = new ArrayList<>();
        List<String> exportNames = new ArrayList<>();
        while (pos < b.length) {
            int id = b[pos++] & 0xFF;
            long size = u32() & 0xFFFF_FFFFL;
            if (size > b.length - pos) {
                throw new IllegalArgumentException("section " + id + " runs past the end of the module");
            }
            int end = pos + (int) size;
            switch (id) {
                case 0 -> {
                    // A custom section starts with its name, which must fit inside the section: checked
                    // here so no runtime's parser is handed a name length it would allocate blindly.
                    int len = u32();
                    if (Integer.compareUnsigned(len, end - pos) > 0) {
                        throw new IllegalArgumentException("the name of a custom section (" + Integer.toUnsignedString(len)
                                + " bytes) runs past its section (" + (end - pos) + " bytes left)");
                    }
                }
                case 1 -> {
                    for (int n = u32(), i = 0; i < n; i++) {
                        types.add(functionType());
                    }
                }
                case 2 -> {
                    for (int n = u32(), i = 0; i < n; i++) {
                        String module = name();
                        String field = name();
                        int kind = b[pos++] & 0xFF;
                        switch (kind) {
                            case 0 -> {
                                FunctionType t = type(types, u32());
                                imports.add(new Import(module, field, ExternKind.FUNCTION, t));
                                functions.add(t);
                            }
                            case 1 -> {
                                refType();
                                limits();
                                imports.add(new Import(module, field, ExternKind.TABLE, null));
                            }
                            case 2 -> {
                                limits();
                                imports.add(new Import(module, field, ExternKind.MEMORY, null));
                            }
                            case 3 -> {
                                valueType();
                                pos++; // mutability
                                imports.add(new Import(module, field, ExternKind.GLOBAL, null));
                            }
                            case 4 -> {
                                pos++; // attribute
                                u32();
                                imports.add(new Import(module, field, ExternKind.TAG, null));
                            }
                            default -> throw new IllegalArgumentException("unknown import kind " + kind);
                        }
                    }
                }
                case 3 -> {
                    for (int n = u32(), i = 0; i < n; i++) {
                        functions.add(type(types, u32()));
                    }
                }
                case 5 -> {
                    int n = u32();
                    for (int i = 0; i < n; i++) {
                        MemoryLimits m = limits();
                        if (memory == null) {
                            memory = m;
                        }
                    }
                }
                case 7 -> {
                    for (int n = u32(), i = 0; i < n; i++) {
                        exportNames.add(name());
                        int kind = b[pos++] & 0xFF;
                        rawExports.add(new int[] {kind, u32()});
                    }
                }
                case 11 -> {
                    for (int n = u32(), i = 0; i < n; i++) {
                        int flags = u32();
                        Long offset = null;
                        if (flags == 0 || flags == 2) {
                            if (flags == 2) {
                                u32(); // memory index
                            }
                            offset = constI32();
                        } else if (flags != 1) {
                            throw new IllegalArgumentException("unknown data segment flags " + flags);
                        }
                        int len = u32();
                        if (len < 0 || len > end - pos) {
                            throw new IllegalArgumentException("data segment " + i + " runs past its section");
                        }
                        pos += len;
                        if (offset != null) {
                            data.add(new DataRange(offset, len));
                        }
                    }
                }
                default -> { }
            }
            pos = end;
        }
        for (int i = 0; i < rawExports.size(); i++) {
            int[] e = rawExports.get(i);
            ExternKind kind = switch (e[0]) {
                case 0 -> ExternKind.FUNCTION;
                case 1 -> ExternKind.TABLE;
                case 2 -> ExternKind.MEMORY;
                case 3 -> ExternKind.GLOBAL;
                case 4 -> ExternKind.TAG;
                default -> throw new IllegalArgumentException("unknown export kind " + e[0]);
            };
            FunctionType type = null;
            if (kind == ExternKind.FUNCTION) {
                if (e[1] < 0 || e[1] >= functions.size()) {
                    throw new IllegalArgumentException("export " + exportNames.get(i) + " names function "
                            + e[1] + ", which does not exist");
                }
                type = functions.get(e[1]);
            }
            exports.add(new Export(exportNames.get(i), kind, type));
        }
        return new ModuleShape(name, imports, exports, memory, data);
    }

    private static FunctionType type(List<FunctionType> types, int index) {
        if (index < 0 || index >= types.size()) {
            throw new IllegalArgumentException("type index " + index + " out of range");
        }
        return types.get(index);
    }

    private FunctionType functionType() {
        int form = b[pos++] & 0xFF;
        if (form != 0x60) {
            throw new IllegalArgumentException(String.format("unsupported type form 0x%02x", form));
        }
        List<ValueType> params = new ArrayList<>();
        for (int n = u32(), i = 0; i < n; i++) {
            params.add(valueType());
        }
        List<ValueType> results = new ArrayList<>();
        for (int n = u32(), i = 0; i < n; i++) {
            results.add(valueType());
        }
        return new FunctionType(params, results);
    }

    private ValueType valueType() {
        int t = b[pos++] & 0xFF;
        return switch (t) {
            case 0x7F -> ValueType.I32;
            case 0x7E -> ValueType.I64;
            case 0x7D -> ValueType.F32;
            case 0x7C -> ValueType.F64;
            case 0x7B -> ValueType.V128;
            case 0x70 -> ValueType.FUNCREF;
            case 0x6F -> ValueType.EXTERNREF;
            default -> throw new IllegalArgumentException(String.format("unsupported value type 0x%02x", t));
        };
    }

    private void refType() {
        ValueType t = valueType();
        if (t != ValueType.FUNCREF && t != ValueType.EXTERNREF) {
            throw new IllegalArgumentException("table of " + t.text());
        }
    }

    private MemoryLimits limits() {
        int flags = b[pos++] & 0xFF;
        if ((flags & ~0x03) != 0) {
            throw new IllegalArgumentException(String.format("unsupported limits flags 0x%02x (memory64?)", flags));
        }
        long min = u32() & 0xFFFF_FFFFL;
        long max = (flags & 1) != 0 ? u32() & 0xFFFF_FFFFL : ModuleShape.MAX_PAGES;
        return new MemoryLimits((int) Math.min(min, Integer.MAX_VALUE), (int) Math.min(max, ModuleShape.MAX_PAGES));
    }

    /** A constant expression; its value when it is a lone i32.const, null otherwise. */
    private Long constI32() {
        Long value = null;
        boolean single = true;
        int count = 0;
        while (true) {
            int op = b[pos++] & 0xFF;
            if (op == 0x0B) {
                return single && count == 1 ? value : null;
            }
            count++;
            switch (op) {
                case 0x41 -> value = s32() & 0xFFFF_FFFFL;
                case 0x42 -> {
                    s64();
                    single = false;
                }
                case 0x43 -> {
                    pos += 4;
                    single = false;
                }
                case 0x44 -> {
                    pos += 8;
                    single = false;
                }
                case 0x23, 0xD2 -> {
                    u32();
                    single = false;
                }
                case 0xD0 -> {
                    pos++;
                    single = false;
                }
                case 0x6A, 0x6B, 0x6C, 0x7C, 0x7D, 0x7E -> single = false; // extended-const arithmetic
                default -> throw new IllegalArgumentException(String.format(
                        "unsupported instruction 0x%02x in a constant expression", op));
            }
        }
    }

    private String name() {
        int len = u32();
        if (len < 0 || len > b.length - pos) {
            throw new IllegalArgumentException("a name runs past the end of the module");
        }
        String s = new String(b, pos, len, StandardCharsets.UTF_8);
        pos += len;
        return s;
    }

    private int u32() {
        long result = 0;
        int shift = 0;
        while (true) {
            int x = b[pos++] & 0xFF;
            result |= (long) (x & 0x7F) << shift;
            if ((x & 0x80) == 0) {
                break;
            }
            shift += 7;
            if (shift > 28) {
                throw new IllegalArgumentException("integer representation too long");
            }
        }
        if (result > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("integer too large");
        }
        return (int) result;
    }

    private int s32() {
        return (int) sleb(32);
    }

    private long s64() {
        return sleb(64);
    }

    private long sleb(int bits) {
        long result = 0;
        int shift = 0;
        int x;
        do {
            x = b[pos++] & 0xFF;
            result |= (long) (x & 0x7F) << shift;
            shift += 7;
            if (shift > bits + 6) {
                throw new IllegalArgumentException("integer representation too long");
            }
        } while ((x & 0x80) != 0);
        if (shift < 64 && (x & 0x40) != 0) {
            result |= -1L << shift;
        }
        return result;
    }
}
