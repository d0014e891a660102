package dev.wasmtck.runtime.endive;

import run.endive.compiler.Cache;
import run.endive.compiler.InterpreterFallback;
import run.endive.compiler.MachineFactoryCompiler;
import run.endive.runtime.Instance;
import run.endive.runtime.InterpreterMachine;
import run.endive.runtime.Machine;
import run.endive.wasm.WasmEngineException;
import run.endive.wasm.Parser;
import run.endive.wasm.WasmModule;
import dev.wasmtck.host.GuestFault;
import dev.wasmtck.host.GuestFault.Kind;
import dev.wasmtck.runtime.CompiledClassCache;
import dev.wasmtck.runtime.CompiledModule;
import dev.wasmtck.runtime.ModuleShape;
import dev.wasmtck.runtime.WasmRuntime;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The Endive binding of the runtime interface, id {@code endive}. With {@code compile = true} each
 * module is translated to JVM bytecode once, at {@link #compile}, and the machine factory is shared by
 * every instance (Endive's method-reference form would recompile per instance); the classes are kept
 * on disk by {@link CompiledClassCache}. With {@code compile = false} instances run on the interpreter.
 */
public final class EndiveRuntime implements WasmRuntime {
    private static final AtomicLong COMPILATIONS = new AtomicLong();
    private static final String VERSION = CompiledClassCache.mavenVersion(MachineFactoryCompiler.class,
            "run.endive", "compiler");

    private final boolean compile;
    /** Module name to the compiled-class cache for it, or null when caching is off. */
    private final Function<String, CompiledClassCache> caches;

    public EndiveRuntime(boolean compile) {
        this(compile, name -> CompiledClassCache.configured("Endive", VERSION, name));
    }

    EndiveRuntime(boolean compile, Function<String, CompiledClassCache> caches) {
        this.compile = compile;
        this.caches = caches;
    }

    @Override
    public String id() {
        return "endive";
    }

    public boolean compiles() {
        return compile;
    }

    /** How many modules this JVM has compiled so far (diagnostics; tests prove compile-once with it). */
    public static long compilations() {
        return COMPILATIONS.get();
    }

    @Override
    public CompiledModule compile(String name, byte[] wasm) throws GuestFault {
        // The kit's own reader first: it refuses a file that is no wasm binary without quoting its bytes.
        ModuleShape shape = ModuleShape.read(name, wasm);
        WasmModule module;
        try {
            module = Parser.parse(wasm);
        } catch (WasmEngineException | IllegalArgumentException e) {
            throw new GuestFault(Kind.LINK, name + " is not a valid WebAssembly module: " + e.getMessage(), e);
        }
        if (!compile) {
            return new EndiveModule(name, shape, module, InterpreterMachine::new, false);
        }
        CompiledClassCache cache = caches.apply(name);
        Function<Instance, Machine> factory;
        try {
            factory = CompiledClassCache.compile(cache, module.digest(), () -> compile(module, cache));
        } catch (RuntimeException e) {
            throw linkFault(name, e);
        }
        COMPILATIONS.incrementAndGet();
        return new EndiveModule(name, shape, module, factory, true);
    }

    private static Function<Instance, Machine> compile(WasmModule module, CompiledClassCache cache) {
        // Functions too large for one JVM method run interpreted; silently, because the notice
        // would land in the output of the program under test.
        var builder = MachineFactoryCompiler.builder(module).withInterpreterFallback(InterpreterFallback.SILENT);
        if (cache != null) {
            builder.withCache(new Cache() {
                @Override
                public byte[] get(String key) {
                    return cache.get(key);
                }

                @Override
                public void putIfAbsent(String key, byte[] data) {
                    cache.putIfAbsent(key, data);
                }
            });
        }
        return builder.compile();
    }

    /** Endive's own failures are link faults; anything else is a bug and propagates as it is. */
    private static GuestFault linkFault(String name, RuntimeException e) {
        if (e instanceof WasmEngineException || e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
            return new GuestFault(Kind.LINK, "Endive could not compile " + name + ": " + e.getMessage(), e);
        }
        throw e;
    }

    @Override
    public String toString() {
        return "EndiveRuntime[" + (compile ? "compiled" : "interpreted") + "]";
    }
}
