package dev.wasmtck.runtime;

import org.apiguardian.api.API;
import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.runtime.GuestFault.Kind;
import dev.wasmtck.module.ModuleShape;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * What Chicory and its fork Endive share as runtimes, with their own types as {@code M} (the parsed
 * module) and {@code F} (the machine factory): the module is parsed once; then instances run on the
 * interpreter, or the module is translated to JVM bytecode once, here, with the classes kept on disk
 * by {@link CompiledClassCache}, and that factory is shared by every instance (the runtimes'
 * method-reference form would recompile per instance). Subclasses only call into their runtime.
 *
 * <p>A module whose classes the cache holds is parsed without validating its code again: the entry is
 * keyed by the SHA-256 of the module's bytes and exists only because those very bytes were parsed,
 * validated and compiled by this runtime version before, so validation could only repeat its verdict.
 * That is most of the parse (for a Go binary of 2.6 MB, about 3.5 s of 5 with a cold JIT). Parsing
 * itself stays: neither runtime can build an instance from anything but its parsed module (the code
 * section included: their module checks refuse a module without one), and a parsed module cannot be stored.
 * Where the cached classes run every function compiled (none falls back to the interpreter, the only
 * reader of function bodies once classes exist), a binding may parse instead a copy whose bodies are
 * stubs ({@link #withoutCode}): the same module to the instance, at a fraction of the parse.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public abstract class BytecodeCompilingRuntime<M, F> implements WasmRuntime {
    private final String runtime;
    private final boolean compile;
    /** Module name to the compiled-class cache for it, or null when caching is off. */
    private final Function<String, CompiledClassCache> caches;
    private final AtomicLong compilations;

    /**
     * @param runtime the runtime's name as people write it, e.g. {@code Chicory}, for messages
     * @param compilations counts this runtime's translations in the JVM (diagnostics; tests prove compile-once)
     */
    protected BytecodeCompilingRuntime(String runtime, boolean compile, Function<String, CompiledClassCache> caches,
            AtomicLong compilations) {
        this.runtime = runtime;
        this.compile = compile;
        this.caches = caches;
        this.compilations = compilations;
    }

    public final boolean compiles() {
        return compile;
    }

    /**
     * The runtime's parser: its own exception for a malformed module, or, when {@code validate}, an invalid
     * one; without it, function bodies are not type-checked.
     */
    protected abstract M parse(byte[] wasm, boolean validate);

    /** The key of the module's classes in the cache. */
    protected abstract String digest(M module);

    protected abstract F interpreter();

    /**
     * Translates the module to JVM bytecode, through {@code cache} when it is not null. Functions too
     * large for one JVM method must run interpreted, silently (a notice would land in the output of the
     * program under test).
     */
    protected abstract F translate(M module, CompiledClassCache cache);

    protected abstract CompiledModule module(String name, ModuleShape shape, M module, F factory, boolean compiled);

    /**
     * The runtime's digest of module bytes as its parser records it (the cache key of the module's
     * classes), computed without parsing; null when this binding does not load modules without their code.
     */
    protected String digestOf(byte[] wasm) {
        return null;
    }

    /**
     * {@code stubbed} (a module with every function body a stub, {@link CodeStubs}) parsed, carrying
     * {@code digest}, the digest of the module it stands for.
     */
    protected M withoutCode(byte[] stubbed, String digest) {
        throw new UnsupportedOperationException(runtime + " does not load modules without their code");
    }

    /** Whether classes as the cache stored them run every function compiled, none on the interpreter. */
    protected boolean compiledEveryFunction(byte[] classes) {
        return false;
    }

    /**
     * The factory of {@code classes} for a module from {@link #withoutCode}: loaded, never compiled (a
     * translation of stubs would be wrong code); throws when the classes do not load.
     */
    protected F load(M withoutCode, byte[] classes) {
        throw new UnsupportedOperationException(runtime + " does not load modules without their code");
    }

    /** Whether {@code e} is the runtime refusing the module, rather than a bug that should propagate. */
    protected abstract boolean refused(RuntimeException e);

    @Override
    public final CompiledModule compile(String name, byte[] wasm) throws GuestFault {
        // The kit's own reader first: it refuses a file that is no wasm binary without quoting its bytes, and
        // checks the lengths a hostile module could use to make a parser allocate blindly.
        ModuleShape shape = WasmRuntime.readShape(name, wasm);
        CompiledClassCache cache = compile ? caches.apply(name) : null;
        CompiledModule fast = cache == null ? null : fromClassesAlone(name, shape, wasm, cache);
        if (fast != null) {
            return fast;
        }
        M module = null;
        M unchecked = null;
        try {
            if (cache != null) {
                unchecked = parse(wasm, false);
                if (cache.holds(digest(unchecked))) {
                    module = unchecked;   // validated when its entry was made; see the class comment
                }
            }
            if (module == null) {
                module = parse(wasm, true);
            }
        } catch (RuntimeException e) {
            throw linkFault(e, name + " is not a valid WebAssembly module: ");
        } catch (OutOfMemoryError | StackOverflowError e) {
            throw new GuestFault(Kind.LINK, name + " is not a module " + runtime + " can parse: " + e, e);
        }
        if (!compile) {
            return module(name, shape, module, interpreter(), false);
        }
        boolean validated = module != unchecked;
        // A second attempt follows classes the runtime could not load: their entry is gone, so the module is
        // parsed again with validation, as any module without an entry is, and that parse is the one used.
        AtomicReference<M> used = new AtomicReference<>(module);
        AtomicBoolean again = new AtomicBoolean();
        F factory;
        try {
            factory = CompiledClassCache.compile(cache, digest(module), () -> {
                if (again.getAndSet(true) && !validated) {
                    used.set(parse(wasm, true));
                }
                return translate(used.get(), cache);
            });
        } catch (RuntimeException e) {
            throw linkFault(e, runtime + " could not compile " + name + ": ");
        }
        compilations.incrementAndGet();
        return module(name, shape, used.get(), factory, true);
    }

    /**
     * The module loaded from its cached classes with stubbed bodies, when the cache holds them and they
     * compiled every function; null otherwise, and on any failure (the ordinary path then decides).
     */
    private CompiledModule fromClassesAlone(String name, ModuleShape shape, byte[] wasm, CompiledClassCache cache) {
        try {
            // The entry is checked first, so a module without one (or with interpreted functions) is not
            // stubbed and parsed for nothing before the ordinary path parses it whole.
            String key = digestOf(wasm);
            byte[] classes = key == null ? null : cache.check(key);
            if (classes == null || !compiledEveryFunction(classes)) {
                return null;
            }
            byte[] stubbed = CodeStubs.of(wasm);
            if (stubbed == null) {
                return null;
            }
            M module = withoutCode(stubbed, key);
            F factory = load(module, classes);
            compilations.incrementAndGet();
            return module(name, shape, module, factory, true);
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    private GuestFault linkFault(RuntimeException e, String prefix) {
        if (!refused(e)) {
            throw e;
        }
        return new GuestFault(Kind.LINK, prefix + e.getMessage(), e);
    }

    @Override
    public String toString() {
        return runtime + "Runtime[" + (compile ? "compiled" : "interpreted") + "]";
    }
}
