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
import dev.wasmtck.internal.util.Sha256;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The Chicory binding of the runtime interface, id {@code chicory}. With {@code compile = true} each
 * module is translated to JVM bytecode once, at {@link #compile}, its classes kept on disk by
 * {@link CompiledClassCache}; with {@code compile = false} instances run on the interpreter
 * (the shared steps: {@link BytecodeCompilingRuntime}).
 */
public final class ChicoryRuntime extends BytecodeCompilingRuntime<WasmModule, Function<Instance, Machine>> {
    /** How many wasm functions one generated class holds at most (see translate). */
    static final int FUNCTIONS_PER_CLASS = 512;
    private static final AtomicLong COMPILATIONS = new AtomicLong();
    private static final AtomicLong WITHOUT_CODE = new AtomicLong();
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

    /** How many modules this JVM has loaded from cached classes with stubbed bodies (diagnostics, tests). */
    static long loadsWithoutCode() {
        return WITHOUT_CODE.get();
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

    /** Chicory's digest of module bytes, as its parser records it: {@code sha-256:<base64>}. */
    @Override
    protected String digestOf(byte[] wasm) {
        return "sha-256:" + Base64.getEncoder().encodeToString(Sha256.of(wasm));
    }

    @Override
    protected WasmModule withoutCode(byte[] stubbed, String digest) {
        WasmModule m = parse(stubbed, false);
        WasmModule.Builder b = WasmModule.builder()
                .setTypeSection(m.typeSection())
                .setImportSection(m.importSection())
                .setFunctionSection(m.functionSection())
                .setTableSection(m.tableSection())
                .setGlobalSection(m.globalSection())
                .setExportSection(m.exportSection())
                .setElementSection(m.elementSection())
                .setCodeSection(m.codeSection())
                .setDataSection(m.dataSection());
        m.memorySection().ifPresent(b::setMemorySection);
        m.startSection().ifPresent(b::setStartSection);
        m.dataCountSection().ifPresent(b::setDataCountSection);
        m.tagSection().ifPresent(b::setTagSection);
        m.customSections().forEach(c -> b.addCustomSection(c.name(), c));
        m.ignoredSections().forEach(b::addIgnoredSection);
        return b.withValidation(false).withDigest(digest).build();
    }

    /**
     * Chicory stores a module's classes as a jar; a machine that runs some function on the interpreter
     * has a field {@code compilerInterpreterMachine}, so a jar whose classes never name it compiled all.
     */
    @Override
    protected boolean compiledEveryFunction(byte[] classes) {
        byte[] marker = "compilerInterpreterMachine".getBytes(StandardCharsets.US_ASCII);
        int seen = 0;
        try (JarInputStream jar = new JarInputStream(new ByteArrayInputStream(classes))) {
            for (JarEntry e = jar.getNextJarEntry(); e != null; e = jar.getNextJarEntry()) {
                if (e.getName().endsWith(".class")) {
                    seen++;
                    if (indexOf(jar.readAllBytes(), marker) >= 0) {
                        return false;
                    }
                }
            }
        } catch (IOException e) {
            return false;
        }
        return seen > 0;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Loads the classes for a stubbed module; its cache answers only these classes and never stores. */
    @Override
    protected Function<Instance, Machine> load(WasmModule withoutCode, byte[] classes) {
        Function<Instance, Machine> factory = MachineFactoryCompiler.builder(withoutCode).withInterpreterFallback(InterpreterFallback.FAIL)
                .withCache(new Cache() {
                    @Override
                    public byte[] get(String key) {
                        if (!key.equals(withoutCode.digest())) {
                            throw new IllegalStateException("asked for the classes of " + key);
                        }
                        return classes;
                    }

                    @Override
                    public void putIfAbsent(String key, byte[] data) {
                        throw new IllegalStateException("a module without its code is never compiled");
                    }
                }).compile();
        WITHOUT_CODE.incrementAndGet();
        return factory;
    }

    @Override
    protected Function<Instance, Machine> interpreter() {
        return InterpreterMachine::new;
    }

    @Override
    protected Function<Instance, Machine> translate(WasmModule module, CompiledClassCache cache) {
        // Functions go into classes of at most FUNCTIONS_PER_CLASS (Chicory's default, 12,288, puts all 1,784 of
        // go/hello in one 2.5 MB class): measured cold compiles of it took 1.8-2.1 s instead of 2.4-3.0 s, the
        // difference in emitting the functions (docs/benchmarks.md). Cached entries keep the layout they were
        // compiled with; the cache is keyed by the module's digest alone.
        var builder = MachineFactoryCompiler.builder(module).withInterpreterFallback(InterpreterFallback.SILENT)
                .withMaxFunctionsPerClass(FUNCTIONS_PER_CLASS);
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
