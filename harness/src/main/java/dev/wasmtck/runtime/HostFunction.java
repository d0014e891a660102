package dev.wasmtck.runtime;

import org.apiguardian.api.API;
import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.runtime.GuestFault.Kind;
import dev.wasmtck.module.FunctionType;
import dev.wasmtck.module.ModuleShape;
import dev.wasmtck.module.ValueType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A function the host provides for a module's import {@code module.name}.
 *
 * @param type must equal the type the module imports it with
 */
@API(status = API.Status.STABLE, since = "0.1")
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

    /**
     * Pairs each function import of {@code module} with the host function that provides it, in import
     * order: what every binding links, checked the same way. The first host function of a name wins.
     *
     * @throws GuestFault {@link Kind#LINK} naming the module's first import that is not a function, or
     *     is missing, or whose type differs from the host's
     */
    public static List<HostFunction> link(ModuleShape module, List<HostFunction> functions) throws GuestFault {
        if (!module.otherImports().isEmpty()) {
            ModuleShape.Import first = module.otherImports().get(0);
            throw new GuestFault(Kind.LINK, module.name() + " imports a " + first.kind().text()
                    + " (" + first.qualifiedName() + "); the runtime interface links functions only");
        }
        Map<String, HostFunction> byName = new HashMap<>();
        for (HostFunction f : functions) {
            byName.putIfAbsent(f.module() + "\0" + f.name(), f);
        }
        List<HostFunction> linked = new ArrayList<>();
        for (ModuleShape.Import imp : module.functionImports()) {
            HostFunction f = byName.get(imp.module() + "\0" + imp.name());
            if (f == null) {
                throw new GuestFault(Kind.LINK, module.name() + " imports " + imp.qualifiedName() + " " + imp.type()
                        + ", which the host does not provide");
            }
            if (!f.type().equals(imp.type())) {
                throw new GuestFault(Kind.LINK, module.name() + " imports " + imp.qualifiedName() + " as " + imp.type()
                        + ", but the host provides it as " + f.type());
            }
            linked.add(f);
        }
        return linked;
    }
}
