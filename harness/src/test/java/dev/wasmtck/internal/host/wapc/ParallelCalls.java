package dev.wasmtck.internal.host.wapc;

import dev.wasmtck.runtime.GuestFault;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs a body on several threads at once, for the pool tests of real and fake waPC. */
public final class ParallelCalls {
    private ParallelCalls() {}

    /** {@code n} runs of {@code body} at once; each result is what it returned, or the fault it threw. */
    public static List<Object> inParallel(int n, Callable<Object> body) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(n);
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(threads.submit(() -> {
                    try {
                        return body.call();
                    } catch (GuestFault f) {
                        return f;
                    }
                }));
            }
            List<Object> out = new ArrayList<>();
            for (Future<Object> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            threads.shutdownNow();
        }
    }
}
