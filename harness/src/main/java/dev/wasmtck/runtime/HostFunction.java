package dev.wasmtck.runtime;

import dev.wasmtck.module.FunctionType;
import dev.wasmtck.module.ValueType;

/**
 * A function the host provides for a module's import {@code module.name}.
 *
 * @param type must equal the type the module imports it with
 */
public record HostFunction(String module, String name, FunctionType type, Implementation implementation) {

    /** The body of a host function. */
    @FunctionalInterface
    public interface Implementation {
        /**
         * Runs on the guest's thread while the guest waits. {@code args} are raw values (see
         * {@link ValueType}); return one value per result type, or null (or an empty array) when
         * there are none. Anything thrown leaves the guest unchanged up to the caller of the export
         * (see {@link WasmFunction#call}); to fail the case, throw {@link HostFunctionFault}.
         *
         * @param instance the instance calling; host functions may call its exports again
         */
        long[] apply(WasmInstance instance, long[] args);
    }
}
