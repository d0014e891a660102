package dev.wasmtck.host.bridge;

import static dev.wasmtck.runtime.ValueType.I32;

import dev.wasmtck.host.GuestFault;
import dev.wasmtck.host.GuestFault.Kind;
import dev.wasmtck.host.Invocation;
import dev.wasmtck.host.Outcome;
import dev.wasmtck.host.PreparedGuest;
import dev.wasmtck.runtime.CompiledModule;
import dev.wasmtck.runtime.FunctionType;
import dev.wasmtck.runtime.ModuleShape;
import dev.wasmtck.runtime.wasi.WasiPreview1;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A linked async-bridge module: immutable after {@link #link}, shared by concurrent runs. */
final class BridgeGuest implements PreparedGuest {
    static final String ENV = "env";
    static final String WASI = "wasi_snapshot_preview1";
    static final String GET = "get";
    static final String NOTIFY_GROWTH = "emscripten_notify_memory_growth";
    static final String CALLBACK = "callback";
    static final String MALLOC = "malloc";
    static final String MEMORY = "memory";

    static final FunctionType SEED_GET = FunctionType.of(List.of(I32, I32), List.of());
    static final FunctionType HANDLE_GET = FunctionType.of(List.of(I32, I32), List.of(I32));
    static final FunctionType SEED_CALLBACK = FunctionType.of(List.of(I32, I32), List.of(I32));
    static final FunctionType HANDLE_CALLBACK = FunctionType.of(List.of(I32, I32, I32), List.of(I32));
    static final FunctionType ENTRY = FunctionType.of(List.of(I32, I32), List.of());
    static final FunctionType MALLOC_TYPE = FunctionType.of(List.of(I32), List.of(I32));
    static final FunctionType NOTIFY_TYPE = FunctionType.of(List.of(I32), List.of());
    static final FunctionType INITIALIZE_TYPE = FunctionType.of(List.of(), List.of());

    /** The two shapes of the ABI, told apart by the type of {@code env.get}. */
    enum Form {
        /** get(ptr, len) -> (), callback(ptr, len) -> i32: one operation at a time, as in the seed. */
        SEED,
        /** get(ptr, len) -> handle, callback(handle, ptr, len) -> i32: many outstanding operations. */
        HANDLE
    }

    final CompiledModule module;
    final ModuleShape shape;
    final Form form;
    final boolean usesWasi;
    final boolean usesGrowthNotice;

    private BridgeGuest(CompiledModule module, Form form, boolean usesWasi, boolean usesGrowthNotice) {
        this.module = module;
        this.shape = module.shape();
        this.form = form;
        this.usesWasi = usesWasi;
        this.usesGrowthNotice = usesGrowthNotice;
    }

    /** Checks the module's imports and exports against the ABI; every mismatch is a LINK fault. */
    static BridgeGuest link(CompiledModule compiled) throws GuestFault {
        ModuleShape module = compiled.shape();
        for (ModuleShape.Import other : module.otherImports()) {
            throw new GuestFault(Kind.LINK, "unknown import " + other.module() + "." + other.name() + " (a "
                    + other.kind().name().toLowerCase(Locale.ROOT)
                    + "): the async-bridge host provides only functions (" + provided() + ")");
        }
        Form form = null;
        boolean wasi = false;
        boolean growth = false;
        for (ModuleShape.Import f : module.functionImports()) {
            String sig = f.type().toString();
            if (f.module().equals(ENV) && f.name().equals(GET)) {
                if (f.type().equals(SEED_GET)) {
                    form = Form.SEED;
                } else if (f.type().equals(HANDLE_GET)) {
                    form = Form.HANDLE;
                } else {
                    throw new GuestFault(Kind.LINK, "import env.get has signature " + sig + ", expected "
                            + SEED_GET + " (seed form) or "
                            + HANDLE_GET + " (handle form)");
                }
            } else if (f.module().equals(ENV) && f.name().equals(NOTIFY_GROWTH)) {
                if (!f.type().equals(NOTIFY_TYPE)) {
                    throw new GuestFault(Kind.LINK, "import env." + NOTIFY_GROWTH + " has signature " + sig
                            + ", expected " + NOTIFY_TYPE);
                }
                growth = true;
            } else if (f.module().equals(WASI)) {
                FunctionType expected = WasiPreview1.signatures().get(f.name());
                if (expected == null) {
                    throw new GuestFault(Kind.LINK, "unknown import " + f.qualifiedName() + ": " + sig
                            + " is not a WASI preview1 function");
                }
                if (!expected.equals(f.type())) {
                    throw new GuestFault(Kind.LINK, "import " + f.qualifiedName() + " has signature " + sig
                            + ", expected " + expected);
                }
                wasi = true;
            } else {
                throw new GuestFault(Kind.LINK, "unknown import " + f.qualifiedName() + ": " + sig
                        + "; the async-bridge host provides " + provided());
            }
        }
        if (form == null) {
            throw new GuestFault(Kind.LINK, module.name() + " does not import env.get, through which an async-bridge"
                    + " guest starts its operations (" + SEED_GET + " or "
                    + HANDLE_GET + ")");
        }
        module.requireMemory(MEMORY);
        if (form == Form.SEED) {
            module.requireFunction(CALLBACK, "the callback of the seed form, where env.get returns nothing",
                    SEED_CALLBACK);
        } else {
            module.requireFunction(CALLBACK, "the callback of the handle form, where env.get returns a handle",
                    HANDLE_CALLBACK);
        }
        return new BridgeGuest(compiled, form, wasi, growth);
    }

    private static String provided() {
        return "env.get, env." + NOTIFY_GROWTH + " and the " + WASI + " functions";
    }

    /** malloc's type when exported as a function. */
    Optional<FunctionType> malloc() {
        return shape.exportedFunction(MALLOC);
    }

    @Override
    public Outcome run(Invocation invocation) throws GuestFault {
        BridgeSettings settings;
        if (invocation.settings() == null) {
            settings = BridgeSettings.DEFAULT;
        } else if (invocation.settings() instanceof BridgeSettings s) {
            settings = s;
        } else {
            throw new GuestFault(Kind.HOST_ERROR, "the async-bridge host was handed settings of type "
                    + invocation.settings().getClass().getName() + "; expected BridgeSettings");
        }
        String entry = invocation.function() == null || invocation.function().isBlank()
                ? new AsyncBridgeAbi().defaultFunction() : invocation.function();
        shape.requireFunction(entry, "the entry point", ENTRY);
        if (settings.placement() == Placement.ALLOCATOR) {
            Optional<FunctionType> malloc = malloc();
            if (malloc.isEmpty()) {
                throw new GuestFault(Kind.LINK, module.name() + " does not export malloc(i32) -> i32, which the"
                        + " default placement uses to put payloads in guest memory: export an allocator, or"
                        + " set 'placement: fixed-offset' in the case's host section (the seed's placement)");
            }
            shape.requireFunction(MALLOC, "the allocator payloads are placed with", MALLOC_TYPE);
        }
        try (BridgeRun run = new BridgeRun(this, settings, invocation.limits())) {
            return run.execute(entry, invocation.input() == null ? new byte[0] : invocation.input());
        }
    }

    @Override
    public String toString() {
        return "BridgeGuest[" + module + ", " + form + " form]";
    }
}
