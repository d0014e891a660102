package dev.wasmtck.host.bridge;

import dev.wasmtck.abi.bridge.BridgeForm;
import dev.wasmtck.abi.bridge.BridgeSettings;
import dev.wasmtck.abi.bridge.Placement;
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
import java.util.stream.Collectors;
import org.opentest4j.TestAbortedException;

/** A linked async-bridge module: immutable after {@link #link}, shared by concurrent runs. */
final class BridgeGuest implements PreparedGuest {
    static final String ENV = "env";
    static final String WASI = "wasi_snapshot_preview1";
    static final String GET = "get";
    static final String NOTIFY_GROWTH = "emscripten_notify_memory_growth";
    static final String CALLBACK = "callback";
    static final String MALLOC = "malloc";
    static final String MEMORY = "memory";

    static final FunctionType MALLOC_TYPE = FunctionType.of(List.of(I32), List.of(I32));
    static final FunctionType NOTIFY_TYPE = FunctionType.of(List.of(I32), List.of());
    static final FunctionType INITIALIZE_TYPE = FunctionType.of(List.of(), List.of());

    /** The type WASI preview1 gives a function of that name. */
    static Optional<FunctionType> wasiSignature(String name) {
        return Optional.ofNullable(WasiPreview1.signatures().get(name));
    }

    final CompiledModule module;
    final ModuleShape shape;
    final BridgeForm form;
    /** The type of the env.get import, one of the form's. */
    final FunctionType getType;
    final boolean usesWasi;
    final boolean usesGrowthNotice;

    private BridgeGuest(CompiledModule module, BridgeForm form, FunctionType getType, boolean usesWasi,
            boolean usesGrowthNotice) {
        this.module = module;
        this.shape = module.shape();
        this.form = form;
        this.getType = getType;
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
        BridgeForm form = null;
        FunctionType getType = null;
        boolean wasi = false;
        boolean growth = false;
        for (ModuleShape.Import f : module.functionImports()) {
            String sig = f.type().toString();
            if (f.module().equals(ENV) && f.name().equals(GET)) {
                getType = f.type();
                form = BridgeForm.ofGet(getType).orElseThrow(() -> new GuestFault(Kind.LINK, "import env.get has"
                        + " signature " + sig + ", expected one of " + BridgeForm.acceptedGets()));
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
                    + " guest starts its operations (" + BridgeForm.acceptedGets() + ")");
        }
        if (form.payloadsInMemory() || wasi) {
            module.requireMemory(MEMORY);
        }
        module.requireFunction(CALLBACK, "the callback of " + form.description() + ", recognised from env.get "
                + getType, form.callback());
        return new BridgeGuest(compiled, form, getType, wasi, growth);
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
        BridgeSettings settings = settings(invocation);
        String entry = invocation.function() == null || invocation.function().isBlank()
                ? new AsyncBridgeAbi().defaultFunction() : invocation.function();
        if (!settings.appliesTo(form)) {
            // A case written for other forms does not apply to this guest: not run, and the reason names its form.
            throw new TestAbortedException("not run: the case is written for guests of the " + settings.forms()
                    .stream().sorted().map(BridgeForm::label).collect(Collectors.joining(" or ")) + " form, and "
                    + module.name() + " is a guest of " + form.description() + " (env.get " + getType + ")");
        }
        FunctionType entryType = shape.requireFunction(entry, "the entry point of " + form.description(),
                form.entries().toArray(FunctionType[]::new));
        Placement placement = placement(settings.placement());
        try (BridgeRun run = new BridgeRun(this, settings, placement, invocation.limits())) {
            return run.execute(entry, entryType, invocation.input() == null ? new byte[0] : invocation.input());
        } catch (GuestFault fault) {
            Optional<String> auto = autoNote(settings);
            if (auto.isEmpty()) {
                throw fault;
            }
            GuestFault noted = new GuestFault(fault.kind(), fault.getMessage() + " [" + auto.get() + "]", fault.getCause());
            noted.setStackTrace(fault.getStackTrace());
            throw noted;
        }
    }

    /** Which placement {@code auto} chose, when it chose the seed's: the author did not choose it, so say so. */
    @Override
    public List<String> notes(Invocation invocation) {
        try {
            return autoNote(settings(invocation)).stream().toList();
        } catch (GuestFault e) {
            return List.of(); // run reports the bad settings
        }
    }

    private Optional<String> autoNote(BridgeSettings settings) {
        if (settings.placement() != Placement.AUTO || !form.payloadsInMemory() || malloc().isPresent()
                || !settings.appliesTo(form)) {
            return Optional.empty();
        }
        return Optional.of("placement auto: the seed's fixed offsets, since " + module.name() + " exports no malloc");
    }

    private static BridgeSettings settings(Invocation invocation) throws GuestFault {
        try {
            return invocation.settings(BridgeSettings.class).orElse(BridgeSettings.DEFAULT);
        } catch (IllegalArgumentException e) {
            throw new GuestFault(Kind.HOST_ERROR, "the async-bridge host cannot run it: " + e.getMessage());
        }
    }

    /**
     * The placement a run uses: none matters in the value form; {@code auto} is the allocator when the guest
     * exports malloc and the seed's fixed offsets when not; the allocator needs malloc(i32) -> i32.
     */
    private Placement placement(Placement asked) throws GuestFault {
        if (!form.payloadsInMemory()) {
            return asked;
        }
        Optional<FunctionType> malloc = malloc();
        if (asked == Placement.AUTO) {
            asked = malloc.isPresent() ? Placement.ALLOCATOR : Placement.FIXED_OFFSET;
        }
        if (asked == Placement.ALLOCATOR) {
            if (malloc.isEmpty()) {
                throw new GuestFault(Kind.LINK, module.name() + " does not export malloc(i32) -> i32, which the"
                        + " default placement uses to put payloads in guest memory: export an allocator, or"
                        + " set 'placement: fixed-offset' in the case's host section (the seed's placement)");
            }
            shape.requireFunction(MALLOC, "the allocator payloads are placed with", MALLOC_TYPE);
        }
        return asked;
    }

    @Override
    public String toString() {
        return "BridgeGuest[" + module + ", " + form.label() + " form]";
    }
}
