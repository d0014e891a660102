package dev.wasmtck.runtime;

import org.apiguardian.api.API;
import dev.wasmtck.module.ValueType;

/** An exported function of one {@link WasmInstance}. */
@FunctionalInterface
@API(status = API.Status.STABLE, since = "0.1")
public interface WasmFunction {
    long[] NO_RESULTS = new long[0];

    /**
     * Calls the function on the current thread. Arguments and results are raw values (see
     * {@link ValueType}); the result has one element per result type, an empty array for none.
     *
     * <p>Throws, unchecked: {@link WasmTrap} when the guest traps; {@link WasmInterrupted} when the
     * calling thread was interrupted while the guest ran; {@link StackOverflowError} (or a
     * {@link WasmTrap}) when the call stack is exhausted; and whatever a host function threw, as the
     * very same object, however many guest frames lie between.
     */
    long[] call(long... args);
}
