package dev.wasmtck.internal.runtime.chicory;

import com.dylibso.chicory.compiler.Cache;
import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import dev.wasmtck.runtime.BytecodeCompilingRuntime;
import dev.wasmtck.runtime.CompiledClassCache;
import dev.wasmtck.runtime.CompiledModule;
import dev.wasmtck.module.ModuleShape;
import java.io.ByteArrayInputStream;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The Chicory binding of the runtime interface, id {@code chicory}. With {@code compile = true} each
 * module is translated to JVM bytecode once, at {@link #compile}, its classes kept on disk by
 * {@link CompiledClassCache}; with {@code compile = false} instances run on the interpreter
 * (the shared steps: {@link BytecodeCompilingRuntime}).
 */
public final class ChicoryRuntime extends BytecodeCompilingRuntime<WasmModule, Function<Instance, Machine>> {
    private static final AtomicLong COMPILATIONS = new AtomicLong();
    private static final String VERSION = CompiledClassCache.mavenVersion(MachineFactoryCompiler.class,
            "com.dylibso.chicory", "compiler");

    public ChicoryRuntime(boolean compile) {
        this(compile, name -> CompiledClassCache.configured("Chicory", VERSION, name));
    }

    ChicoryRuntime(boolean compile, Function<String, CompiledClassCache> caches) {
        super("Chicory", compile, caches, COMPILATIONS);
    }

    @Override
    public String id() {
        return "chicory";
    }

    /** How many modules this JVM has compiled so far (diagnostics; tests prove compile-once with it). */
    public static long compilations() {
        return COMPILATIONS.get();
    }

    @Override
    protected WasmModule parse(byte[] wasm, boolean validate) {
        return validate ? Parser.parse(wasm) : Parser.builder().withValidation(false).build().parse(() -> new ByteArrayInputStream(wasm));
    }

    @Override
    protected String digest(WasmModule module) {
        return module.digest();
    }

    @Override
    protected Function<Instance, Machine> interpreter() {
        return InterpreterMachine::new;
    }

    @Override
    protected Function<Instance, Machine> translate(WasmModule module, CompiledClassCache cache) {
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

    @Override
    protected CompiledModule module(String name, ModuleShape shape, WasmModule module,
            Function<Instance, Machine> factory, boolean compiled) {
        return new ChicoryModule(name, shape, module, factory, compiled);
    }

    @Override
    protected boolean refused(RuntimeException e) {
        return e instanceof ChicoryException || e instanceof IllegalArgumentException || e instanceof IllegalStateException;
    }
}
