package dev.wasmtck.engine;

import dev.wasmtck.cases.CaseSource;
import dev.wasmtck.cases.GuestRef;
import dev.wasmtck.host.GuestFault;
import dev.wasmtck.host.GuestModule;
import dev.wasmtck.host.Host;
import dev.wasmtck.host.PreparedGuest;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Run-wide caches shared by all cases and threads: each guest is loaded (built) once and each
 * module is prepared (parsed and compiled) once per host, however many cases use it. A failure
 * is cached too, so fifty cases of a guest that does not link report the same error without
 * fifty recompilations.
 */
final class KitServices {
    private final KitConfig config;
    private final GuestLoader loader;
    private final ConcurrentHashMap<String, CompletableFuture<GuestModule>> modules = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, CompletableFuture<PreparedGuest>> prepared = new ConcurrentHashMap<>();

    KitServices(KitConfig config, GuestLoader loader) {
        this.config = config;
        this.loader = loader;
    }

    KitConfig config() {
        return config;
    }

    GuestModule load(GuestRef ref, CaseSource caseFile) throws Exception {
        String key = ref.kind() == GuestRef.Kind.WASM
                ? caseFile.idValue() + "|" + ref.path()
                : ref.kind() + "|" + ref.displayName();
        return join(modules.computeIfAbsent(key, k -> CompletableFuture.supplyAsync(() -> {
            try {
                return loader.load(ref, caseFile);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, Runnable::run)));
    }

    PreparedGuest prepare(Host host, GuestModule module) throws Exception {
        String key = host.id() + "|" + sha256(module.wasm());
        return join(prepared.computeIfAbsent(key, k -> CompletableFuture.supplyAsync(() -> {
            try {
                return host.prepare(module);
            } catch (GuestFault e) {
                throw new CompletionException(e);
            }
        }, Runnable::run)));
    }

    private static <T> T join(CompletableFuture<T> future) throws Exception {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
