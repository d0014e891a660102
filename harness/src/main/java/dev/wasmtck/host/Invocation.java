package dev.wasmtck.host;

import java.util.List;

/**
 * One call into a guest.
 *
 * @param abi the ABI name the case was written for
 * @param function the export (async-bridge), operation (waPC) or global JS function (wasm-exec) to call
 * @param input the payload bytes (MessagePack unless the case gave raw bytes)
 * @param settings the ABI's own settings, as parsed by its {@link Abi#parseSettings}
 * @param limits time and memory bounds for this call
 * @param observe names of JS globals to read back after the call (wasm-exec), for {@link Outcome#globals()}
 */
public record Invocation(String abi, String function, byte[] input, Object settings, Limits limits,
        List<String> observe) {

    public Invocation {
        observe = observe == null ? List.of() : List.copyOf(observe);
    }

    public Invocation(String abi, String function, byte[] input, Object settings, Limits limits) {
        this(abi, function, input, settings, limits, List.of());
    }
}
