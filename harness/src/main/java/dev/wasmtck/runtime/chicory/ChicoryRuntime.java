package dev.wasmtck.runtime.chicory;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import dev.wasmtck.host.GuestFault;
import dev.wasmtck.host.GuestFault.Kind;
import dev.wasmtck.runtime.CompiledModule;
import dev.wasmtck.runtime.ModuleShape;
import dev.wasmtck.runtime.WasmRuntime;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The Chicory binding of the runtime interface, id {@code chicory}. With {@code compile = true} each
 * module is translated to JVM bytecode once, at {@link #compile}, and the machine factory is shared by
 * every instance (Chicory's method-reference form would recompile per instance); the classes are kept
 * on disk by {@link CompiledCache}. With {@code compile = false} instances run on the interpreter.
 */
public final class ChicoryRuntime implements WasmRuntime {
    private static final AtomicLong COMPILATIONS = new AtomicLong();

    private final boolean compile;

    public ChicoryRuntime(boolean compile) {
        this.compile = compile;
    }

    @Override
    public String id() {
        return "chicory";
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
        // Our reader first: it checks the lengths a hostile module could use to make a parser allocate blindly.
        ModuleShape shape = ModuleShape.read(name, wasm);
        WasmModule module;
        try {
            module = Parser.parse(wasm);
        } catch (ChicoryException | IllegalArgumentException e) {
            throw new GuestFault(Kind.LINK, name + " is not a valid WebAssembly module: " + e.getMessage(), e);
        } catch (OutOfMemoryError | StackOverflowError e) {
            throw new GuestFault(Kind.LINK, name + " is not a module Chicory can parse: " + e, e);
        }
        if (!compile) {
            return new ChicoryModule(name, shape, module, InterpreterMachine::new, false);
        }
        Function<Instance, Machine> factory;
        try {
            // Functions too large for one JVM method run interpreted; silently, because the notice
            // would land in the output of the program under test.
            var builder = MachineFactoryCompiler.builder(module).withInterpreterFallback(InterpreterFallback.SILENT);
            CompiledCache cache = CompiledCache.configured();
            if (cache != null) {
                builder.withCache(cache);
            }
            factory = builder.compile();
        } catch (ChicoryException | IllegalArgumentException | IllegalStateException e) {
            throw new GuestFault(Kind.LINK, "Chicory could not compile " + name + ": " + e.getMessage(), e);
        }
        COMPILATIONS.incrementAndGet();
        return new ChicoryModule(name, shape, module, factory, true);
    }

    @Override
    public String toString() {
        return "ChicoryRuntime[" + (compile ? "compiled" : "interpreted") + "]";
    }
}
