package dev.wasmtck.host;

/**
 * One call into a guest.
 *
 * @param abi the ABI name the case was written for
 * @param function the export (async-bridge) or operation (waPC) to call
 * @param input the payload bytes (MessagePack unless the case gave raw bytes)
 * @param settings the ABI's own settings, as parsed by its {@link Abi#parseSettings}
 * @param limits time and memory bounds for this call
 */
public record Invocation(String abi, String function, byte[] input, Object settings, Limits limits) {}
