package dev.wasmtck.runtime;

import org.apiguardian.api.API;

/**
 * For runtimes that wrap what a host function throws (Chicory, Endive): remembers the last throwable
 * a host function of one instance threw, so the call boundary can hand back that very object. It is
 * found by identity in the cause chain, so a JDK exception inside one of the runtime's own traps is
 * never mistaken for a host's.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class HostThrown {
    private Throwable last;

    /** Runs a host function's body for {@code instance}; remembers what it throws, and throws it on unchanged. */
    public long[] run(HostFunction.Implementation body, WasmInstance instance, long[] args) {
        try {
            return body.apply(instance, args);
        } catch (RuntimeException | Error e) {
            last = e;
            throw e;
        }
    }

    /**
     * What a host function threw, when it is in {@code e}'s cause chain: returned if a
     * RuntimeException, thrown if an Error. Null when {@code e} did not come from a host function.
     */
    public RuntimeException find(RuntimeException e) {
        if (last == null) {
            return null;
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t == last) {
                if (t instanceof RuntimeException r) {
                    return r;
                }
                throw (Error) t;
            }
        }
        return null;
    }
}
