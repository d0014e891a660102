package dev.wasmtck.internal.engine.execution;

import dev.wasmtck.internal.cases.CaseSource;
import dev.wasmtck.internal.cases.GuestRef;
import dev.wasmtck.internal.engine.config.KitConfig;
import dev.wasmtck.host.GuestModule;
import dev.wasmtck.host.Host;
import dev.wasmtck.host.PreparedGuest;
import dev.wasmtck.internal.util.Sha256;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Run-wide caches shared by all cases and threads: each guest is loaded (built) once and each
 * module is prepared (parsed and compiled) once per host, however many cases use it. A failure
 * is cached too, so fifty cases of a guest that does not link report the same error without
 * fifty recompilations.
 */
public final class KitServices {
    private final KitConfig config;
    private final GuestLoader loader;
    private final ConcurrentHashMap<String, CompletableFuture<Loaded>> modules = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, CompletableFuture<PreparedGuest>> prepared = new ConcurrentHashMap<>();
    private final ReferenceHosts references;
    private final ConcurrentHashMap<String, CompletableFuture<SameAsCheck.Observed>> referenceRuns =
            new ConcurrentHashMap<>();

    /** A loaded guest and the digest that identifies its bytes, computed once when it is loaded. */
    public record Loaded(GuestModule module, String digest) {}

    public KitServices(KitConfig config, GuestLoader loader, ReferenceHosts references) {
        this.config = config;
        this.loader = loader;
        this.references = references;
    }

    /** The hosts a case may compare with ({@code same-as}). */
    public ReferenceHosts references() {
        return references;
    }

    /** A reference host's run of one call, made once per run however many targets compare with it. */
    SameAsCheck.Observed referenceRun(String key, Work<SameAsCheck.Observed> run) throws Exception {
        return once(referenceRuns, key, run);
    }

    public KitConfig config() {
        return config;
    }

    public Loaded load(GuestRef ref, CaseSource caseFile) throws Exception {
        String key = ref.kind() == GuestRef.Kind.WASM
                ? caseFile.idValue() + "|" + ref.path()
                : ref.kind() + "|" + ref.displayName();
        return once(modules, key, () -> {
            GuestModule module = loader.load(ref, caseFile);
            return new Loaded(module, Sha256.hex(module.wasm()));
        });
    }

    /** Keyed by content, so identical bytes reached through different references compile once. */
    public PreparedGuest prepare(Host host, String abi, Loaded loaded) throws Exception {
        return once(prepared, host.id() + "|" + abi + "|" + loaded.digest(), () -> host.prepare(loaded.module(), abi));
    }

    interface Work<T> {
        T run() throws Exception;
    }

    /**
     * Runs {@code work} once per key; concurrent callers wait for that one result or failure. The
     * work runs outside the map's locks, because a guest build can take seconds and
     * {@link ConcurrentHashMap#computeIfAbsent} must not hold a bin that long.
     */
    private static <T> T once(ConcurrentHashMap<String, CompletableFuture<T>> map, String key, Work<T> work)
            throws Exception {
        CompletableFuture<T> mine = new CompletableFuture<>();
        CompletableFuture<T> future = map.putIfAbsent(key, mine);
        if (future == null) {
            future = mine;
            try {
                mine.complete(work.run());
            } catch (Throwable t) {
                mine.completeExceptionally(t);
            }
        }
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                // Rethrown as itself, so the case boundary sees an OutOfMemoryError, not a CompletionException.
                throw cause;
            }
            throw e;
        }
    }
}
