package dev.wasmtck.runtime.graalwasm;

import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.runtime.GuestFault.Kind;
import dev.wasmtck.runtime.CompiledModule;
import dev.wasmtck.module.ModuleShape;
import dev.wasmtck.runtime.WasmRuntime;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.io.ByteSequence;

/**
 * The runtime interface on GraalWasm (GraalVM's WebAssembly language, through the polyglot API).
 *
 * <p>One {@link Engine} serves every module and instance: Truffle caches a parsed {@link Source} per
 * engine, so a module is parsed (and, on a JVM with the Graal compiler, compiled) once, and each
 * instance is a fresh, cheap {@link Context} on that engine. Needs Java 21 or later: GraalWasm 25
 * calls JDK 21 methods although its classes are marked for Java 17.
 */
public final class GraalWasmRuntime implements WasmRuntime {
    /** The lowest Java feature release GraalWasm 25 runs on. */
    public static final int MIN_JAVA = 21;

    private final Engine engine;

    /** GraalWasm's default memory: on the Java heap, at most 2 GiB (grow beyond that returns -1). */
    public GraalWasmRuntime() {
        this(false);
    }

    /**
     * Memories that can grow to all 4 GiB of wasm32, as in node: GraalWasm's off-heap memory
     * ({@code wasm.UseUnsafeMemory}, an option GraalWasm marks experimental), so the JVM heap does not
     * bound it. For the Go launcher ({@code WASM_TCK_HOST=graalwasm bin/go_js_wasm_exec}), not the conformance hosts.
     */
    public static GraalWasmRuntime withFullAddressSpace() {
        return new GraalWasmRuntime(true);
    }

    private GraalWasmRuntime(boolean offHeapMemory) {
        if (Runtime.version().feature() < MIN_JAVA) {
            throw new IllegalStateException("GraalWasm needs Java " + MIN_JAVA + " or later; this JVM is "
                    + Runtime.version() + " (" + System.getProperty("java.home") + ")");
        }
        Engine.Builder builder = Engine.newBuilder("wasm")
                // On a JDK without the Graal compiler Truffle interprets; that is a known, measured
                // mode here (docs/runtime-graalwasm.md), not something to warn about on every run.
                .option("engine.WarnInterpreterOnly", "false");
        if (offHeapMemory) {
            builder.allowExperimentalOptions(true).option("wasm.UseUnsafeMemory", "true");
        }
        this.engine = builder.build();
    }

    @Override
    public String id() {
        return "graalwasm";
    }

    /** "GraalVM CE" with the optimizing runtime, "Interpreted" without. */
    public String implementationName() {
        return engine.getImplementationName();
    }

    Engine engine() {
        return engine;
    }

    @Override
    public CompiledModule compile(String name, byte[] wasm) throws GuestFault {
        ModuleShape shape = WasmRuntime.readShape(name, wasm);
        MemoryImport.Result rewritten;
        try {
            rewritten = MemoryImport.rewrite(wasm);
        } catch (IllegalArgumentException e) {
            throw new GuestFault(Kind.LINK, name + " is not a valid WebAssembly module: " + e.getMessage(), e);
        }
        Source source = Source.newBuilder("wasm", ByteSequence.create(rewritten.wasm()), sourceName(name))
                .cached(true).buildLiteral();
        // Parse and validate now, in a throwaway context: the engine keeps the result for every instance.
        try (Context context = Context.newBuilder("wasm").engine(engine).build()) {
            context.eval(source);
        } catch (PolyglotException e) {
            if (e.isHostException() || e.isInternalError() && !e.isSyntaxError()) {
                throw new GuestFault(Kind.LINK, "GraalWasm could not load " + name + ": " + e.getMessage(), e);
            }
            throw new GuestFault(Kind.LINK, name + " is not a valid WebAssembly module: " + e.getMessage(), e);
        }
        return new GraalModule(this, name, shape, source, rewritten.rewritten());
    }

    /** GraalWasm links imports by source name; keep it to characters that cannot clash with a module name. */
    private static String sourceName(String guestName) {
        return "guest:" + guestName;
    }

    @Override
    public String toString() {
        return "GraalWasmRuntime[" + engine.getImplementationName() + "]";
    }
}
