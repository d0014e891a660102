package dev.wasmtck.internal.host.bridge;

import dev.wasmtck.abi.bridge.BridgeForm;
import dev.wasmtck.abi.bridge.BridgeSettings;
import dev.wasmtck.abi.bridge.Placement;
import static dev.wasmtck.module.ValueType.I32;

import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.runtime.GuestFault.Kind;
import dev.wasmtck.host.Invocation;
import dev.wasmtck.host.ModuleRules;
import dev.wasmtck.host.Outcome;
import dev.wasmtck.host.PreparedGuest;
import dev.wasmtck.runtime.CompiledModule;
import dev.wasmtck.module.FunctionType;
import dev.wasmtck.module.ModuleShape;
import dev.wasmtck.internal.runtime.wasi.WasiPreview1;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.opentest4j.TestAbortedException;

/** A linked async-bridge module: immutable after {@link #link}, shared by concurrent runs. */
final class BridgeGuest implements PreparedGuest {
    static final String ENV = "env";
    static final String WASI = WasiPreview1.MODULE;
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

    /**
     * Links a module by running the ABI's structural rules ({@link BridgeModuleRules}): one LINK fault lists
     * every problem; a module they accept has env.get in one of the forms.
     */
    static BridgeGuest link(CompiledModule compiled) throws GuestFault {
        ModuleShape module = compiled.shape();
        ModuleRules.link(BridgeModuleRules.RULES, module);
        FunctionType getType = module.functionImport(ENV, GET).orElseThrow().type();
        return new BridgeGuest(compiled, BridgeForm.ofGet(getType).orElseThrow(), getType, module.importsFrom(WASI),
                module.functionImport(ENV, NOTIFY_GROWTH).isPresent());
    }

    /** The type of the function export {@code name}, required to be one of {@code accepted}: a LINK fault if not. */
    private FunctionType requireFunction(String name, String role, FunctionType... accepted) throws GuestFault {
        ModuleRules.link(List.of(ModuleRules.exportsFunction(name, role, accepted)), shape);
        return shape.exportedFunction(name).orElseThrow();
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
        FunctionType entryType = requireFunction(entry, "the entry point of " + form.description(),
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
            requireFunction(MALLOC, "the allocator payloads are placed with", MALLOC_TYPE);
        }
        return asked;
    }

    @Override
    public String toString() {
        return "BridgeGuest[" + module + ", " + form.label() + " form]";
    }
}
