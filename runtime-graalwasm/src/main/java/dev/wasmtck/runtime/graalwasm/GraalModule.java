package dev.wasmtck.runtime.graalwasm;

import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.runtime.GuestFault.Kind;
import dev.wasmtck.runtime.CompiledModule;
import dev.wasmtck.module.FunctionType;
import dev.wasmtck.runtime.GuestInterrupts;
import dev.wasmtck.runtime.HostFunction;
import dev.wasmtck.module.ModuleShape;
import dev.wasmtck.module.ValueType;
import dev.wasmtck.runtime.WasmInstance;
import dev.wasmtck.runtime.WasmInterrupted;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

/** A validated module: its rewritten source (parsed once per engine) and its shape. Immutable, thread-safe. */
final class GraalModule implements CompiledModule {
    private final GraalWasmRuntime runtime;
    private final String name;
    private final ModuleShape shape;
    private final Source source;
    private final boolean memoryImported;

    GraalModule(GraalWasmRuntime runtime, String name, ModuleShape shape, Source source, boolean memoryImported) {
        this.runtime = runtime;
        this.name = name;
        this.shape = shape;
        this.source = source;
        this.memoryImported = memoryImported;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ModuleShape shape() {
        return shape;
    }

    @Override
    public WasmInstance instantiate(List<HostFunction> functions, int maxMemoryPages) throws GuestFault {
        List<HostFunction> linked = HostFunction.link(shape, functions);
        GraalInstance instance = new GraalInstance(this);
        Map<String, Map<String, Object>> imports = new HashMap<>();
        for (HostFunction f : linked) {
            checkSupported(f.module() + "." + f.name(), f.type());
            imports.computeIfAbsent(f.module(), k -> new HashMap<>()).put(f.name(), hostFunction(instance, f));
        }
        Context context = Context.newBuilder("wasm")
                .engine(runtime.engine())
                // Only for the WebAssembly helper object (mem_alloc, mem_grow) in the polyglot bindings;
                // no other language is installed, and guests reach nothing they are not given as imports.
                .allowPolyglotAccess(PolyglotAccess.ALL)
                .build();
        boolean done = false;
        try (GuestInterrupts.Registration hook = GuestInterrupts.onInterrupt(() -> Interrupts.stop(context))) {
            if (Thread.currentThread().isInterrupted()) {
                throw new WasmInterrupted("interrupted before " + name + " was instantiated", null);
            }
            context.initialize("wasm");
            Value api = context.getPolyglotBindings().getMember("WebAssembly");
            Value memory = null;
            if (memoryImported) {
                int initial = shape.definedMemory().orElseThrow().initialPages();
                memory = api.getMember("mem_alloc").execute(initial, Math.max(initial, maxMemoryPages));
                imports.computeIfAbsent(MemoryImport.MODULE, k -> new HashMap<>()).put(MemoryImport.NAME, memory);
            }
            instance.attach(context, memory == null ? null : new GraalMemory(memory, api.getMember("mem_grow"), instance));
            Map<String, Object> importObject = new HashMap<>();
            imports.forEach((module, members) -> importObject.put(module, ProxyObject.fromMap(members)));
            Value created = context.eval(source).newInstance(ProxyObject.fromMap(importObject));
            instance.exports(created.getMember("exports"));
            done = true;
            return instance;
        } catch (PolyglotException e) {
            if (e.isGuestException() && isLinkError(e)) {
                throw new GuestFault(Kind.LINK, "GraalWasm refused to link " + name + ": " + e.getMessage(), e);
            }
            throw Faults.translate(e);
        } finally {
            if (!done) {
                context.close(true);
            }
        }
    }

    /** GraalWasm reports link errors as guest exceptions too; their messages say what did not match. */
    private static boolean isLinkError(PolyglotException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("incompatible import type") || m.contains("does not contain")
                || m.startsWith("Import module object");
    }

    private static void checkSupported(String what, FunctionType type) throws GuestFault {
        for (ValueType t : type.params()) {
            check(what, t);
        }
        for (ValueType t : type.results()) {
            check(what, t);
        }
    }

    private static void check(String what, ValueType t) throws GuestFault {
        if (t != ValueType.I32 && t != ValueType.I64 && t != ValueType.F32 && t != ValueType.F64) {
            throw new GuestFault(Kind.LINK, what + " takes or returns " + t.text()
                    + ", which the GraalWasm binding does not pass between host and guest");
        }
    }

    private static ProxyExecutable hostFunction(GraalInstance instance, HostFunction f) {
        List<ValueType> params = f.type().params();
        List<ValueType> results = f.type().results();
        HostFunction.Implementation body = f.implementation();
        return args -> {
            long[] raw = new long[params.size()];
            for (int i = 0; i < raw.length; i++) {
                raw[i] = Values.toRaw(params.get(i), args[i]);
            }
            long[] out = body.apply(instance, raw);
            return Values.toGuestResult(results, out);
        };
    }

    @Override
    public String toString() {
        return "GraalModule[" + name + "]";
    }
}
