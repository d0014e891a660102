package dev.wasmtck.runtime;

import org.apiguardian.api.API;
import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.runtime.GuestFault.Kind;
import dev.wasmtck.runtime.Limits;
import dev.wasmtck.module.ModuleShape;
import java.util.List;

/**
 * A module prepared by a {@link WasmRuntime}: immutable, thread-safe, instantiated once per case.
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface CompiledModule {

    /** The guest's name, for messages. */
    String name();

    /** What the module imports, exports and declares; the same for every runtime (parsed by {@link ModuleShape}). */
    ModuleShape shape();

    /**
     * A fresh instance with its own memory and globals. The module's start section (if any) runs here;
     * {@code _start}, {@code _initialize} and every other export do not: the ABI decides what to call.
     *
     * <p>Every function import must be matched by one of {@code functions} (same module, name and
     * type), otherwise the result is a {@link Kind#LINK} fault; functions the module does not import
     * are ignored. Modules that import a memory, table, global or tag are not supported.
     *
     * <p>A memory the module defines gets {@code maxMemoryPages} as its maximum (the caller has made
     * sure it is at least the initial size and at most the declared maximum): {@code memory.grow}
     * beyond it returns -1, as at the declared maximum.
     *
     * <p>Exceptions a host function or the start function throws propagate as from
     * {@link WasmFunction#call}.
     *
     * @throws GuestFault {@link Kind#LINK} when the imports do not match or the runtime refuses to link
     */
    WasmInstance instantiate(List<HostFunction> functions, int maxMemoryPages) throws GuestFault;

    /**
     * Instantiates under a case's limits: the module's memory is capped at the lower of its declared
     * maximum and the case's limit.
     *
     * @throws GuestFault {@link Kind#MEMORY_LIMIT} when the module's initial memory alone exceeds the
     *     case's limit; {@link Kind#LINK} as {@link #instantiate(List, int)}
     */
    default WasmInstance instantiate(List<HostFunction> functions, Limits limits) throws GuestFault {
        MemoryCap cap = MemoryCap.of(shape(), limits);
        if (cap.initialPages() > cap.casePages()) {
            throw new GuestFault(Kind.MEMORY_LIMIT, name() + " declares an initial memory of "
                    + MemoryCap.describe(cap.initialPages()) + ", more than the case's limit of "
                    + MemoryCap.describe(cap.casePages()));
        }
        return instantiate(functions, cap.effectiveMaxPages());
    }
}
