package dev.wasmtck.host;

import org.jspecify.annotations.Nullable;
import org.apiguardian.api.API;
import dev.wasmtck.runtime.Limits;
import java.util.List;
import java.util.Optional;

/**
 * One call into a guest.
 *
 * @param abi the ABI name the case was written for
 * @param function the export (async-bridge), operation (waPC) or global JS function (wasm-exec) to call
 * @param input the payload bytes (MessagePack unless the case gave raw bytes)
 * @param settings the ABI's own settings, as parsed by its {@link Abi#parseSettings}, or null for the
 *     ABI's defaults; hosts read them typed, with {@link #settings(Class)}
 * @param limits time and memory bounds for this call
 * @param observe names of JS globals to read back after the call (wasm-exec), for {@link Outcome#globals()}
 */
@API(status = API.Status.STABLE, since = "0.1")
public record Invocation(String abi, String function, byte[] input, @Nullable Object settings, Limits limits,
        List<String> observe) {

    public Invocation {
        observe = observe == null ? List.of() : List.copyOf(observe);
    }

    public Invocation(String abi, String function, byte[] input, @Nullable Object settings, Limits limits) {
        this(abi, function, input, settings, limits, List.of());
    }

    /**
     * The settings as the ABI's settings type ({@link Abi#settingsType()}), e.g.
     * {@code settings(WapcSettings.class)}; empty when the call has none, so the host uses the ABI's defaults.
     *
     * @throws IllegalArgumentException when the call carries settings of another type (another ABI's)
     */
    public <S> Optional<S> settings(Class<S> type) {
        if (settings == null) {
            return Optional.empty();
        }
        if (!type.isInstance(settings)) {
            throw new IllegalArgumentException("a call of abi '" + abi + "' carries settings of type "
                    + settings.getClass().getName() + ", not " + type.getName());
        }
        return Optional.of(type.cast(settings));
    }
}
