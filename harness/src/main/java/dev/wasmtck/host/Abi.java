package dev.wasmtck.host;

import org.apiguardian.api.API;
import dev.wasmtck.module.ModuleShape;
import dev.wasmtck.internal.yaml.YamlMap;
import java.util.Optional;

/**
 * The case-format side of an ABI: its name, its default entry point and the parser for the
 * ABI-specific {@code host:} section of a case. Registered through {@link java.util.ServiceLoader}
 * so case files are validated when they are discovered, long before any guest runs.
 *
 * @param <S> the type of the ABI's settings: part of its public contract, in a package of its own
 *     ({@code dev.wasmtck.abi.*}) that no host implementation owns, so any host, in process or behind
 *     an adapter, reads them with {@link Invocation#settings(Class)} and nothing else of the kit's hosts
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface Abi<S> {

    /** The name cases use in {@code abi:}, e.g. {@code async-bridge}. */
    String name();

    /** The function or operation called when a case names none. */
    String defaultFunction();

    /** The type {@link #parseSettings} returns and hosts read from each {@link Invocation}. */
    Class<S> settingsType();

    /**
     * Parses the case's {@code host:} section (empty when the case has none: the ABI's defaults) into
     * the settings handed to the host in the {@link Invocation}.
     *
     * @throws dev.wasmtck.internal.yaml.CaseFormatException pointing at the offending key
     */
    S parseSettings(Optional<YamlMap> section);

    /**
     * Checks a case's {@code input} before it is encoded, for ABIs that give it a particular shape
     * (wasm-exec: the list of arguments of the function called). Accepts anything by default.
     *
     * @throws dev.wasmtck.internal.yaml.CaseFormatException pointing at the input
     */
    default void checkInput(dev.wasmtck.internal.yaml.YamlNode input) {}

    /**
     * Whether this ABI's cases may have a {@code concurrent:} section (calls served by a pool of
     * instances, see {@link PooledGuest}). No by default.
     */
    default boolean pooled() {
        return false;
    }

    /**
     * The structural rules every module of this ABI must satisfy (required exports, allowed imports),
     * checked by guest conformance before any behaviour case runs. None by default.
     */
    default java.util.List<ModuleRule> moduleRules() {
        return java.util.List.of();
    }

    /**
     * Which of the module shapes this ABI's hosts run the rules recognised in {@code module} (say
     * "fake waPC over TinyGo js/wasm"), for the guest's report; empty when the ABI has one shape or none fits.
     */
    default Optional<String> recogniseShape(ModuleShape module) {
        return Optional.empty();
    }
}
