package dev.wasmtck.runtime.endive;

import dev.wasmtck.runtime.BytecodeCompilingRuntime;
import dev.wasmtck.runtime.CompiledClassCache;
import dev.wasmtck.runtime.CompiledModule;
import dev.wasmtck.module.ModuleShape;
import java.io.ByteArrayInputStream;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import run.endive.compiler.Cache;
import run.endive.compiler.InterpreterFallback;
import run.endive.compiler.MachineFactoryCompiler;
import run.endive.runtime.Instance;
import run.endive.runtime.InterpreterMachine;
import run.endive.runtime.Machine;
import run.endive.wasm.Parser;
import run.endive.wasm.WasmEngineException;
import run.endive.wasm.WasmModule;

/**
 * The Endive binding of the runtime interface, id {@code endive}. With {@code compile = true} each
 * module is translated to JVM bytecode once, at {@link #compile}, its classes kept on disk by
 * {@link CompiledClassCache}; with {@code compile = false} instances run on the interpreter
 * (the shared steps: {@link BytecodeCompilingRuntime}).
 */
public final class EndiveRuntime extends BytecodeCompilingRuntime<WasmModule, Function<Instance, Machine>> {
    private static final AtomicLong COMPILATIONS = new AtomicLong();
    private static final String VERSION = CompiledClassCache.mavenVersion(MachineFactoryCompiler.class,
            "run.endive", "compiler");

    public EndiveRuntime(boolean compile) {
        this(compile, name -> CompiledClassCache.configured("Endive", VERSION, name));
    }

    EndiveRuntime(boolean compile, Function<String, CompiledClassCache> caches) {
        super("Endive", compile, caches, COMPILATIONS);
    }

    @Override
    public String id() {
        return "endive";
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
        return new EndiveModule(name, shape, module, factory, compiled);
    }

    @Override
    protected boolean refused(RuntimeException e) {
        return e instanceof WasmEngineException || e instanceof IllegalArgumentException || e instanceof IllegalStateException;
    }
}
