package dev.wasmtck.internal.host.external;

import dev.wasmtck.host.Invocation;
import dev.wasmtck.internal.host.bridge.AsyncBridgeAbi;
import dev.wasmtck.abi.bridge.BridgeSettings;
import dev.wasmtck.abi.bridge.GetBehaviour;
import dev.wasmtck.abi.wapc.HostCalls;
import dev.wasmtck.abi.wapc.WapcSettings;
import dev.wasmtck.internal.host.wapc.WapcAbi;
import dev.wasmtck.internal.host.wasmexec.WasmExecAbi;
import dev.wasmtck.abi.wasmexec.WasmExecSettings;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The kit's side of one case's callbacks (docs/host-protocol.md#callbacks): a waPC host call is
 * answered by the case's handlers through the same {@link HostCalls} the in-process hosts use, which
 * also records it for {@code expect.host-calls}; an async-bridge {@code get} by the case's get
 * behaviours. Also gives the ABI settings the adapter needs, as a map.
 */
final class KitCallbacks implements AdapterProcess.Callbacks {
    private final String abi;
    private final Object settings;
    private final HostCalls hostCalls;
    private int gets;

    private KitCallbacks(String abi, Object settings, HostCalls hostCalls) {
        this.abi = abi;
        this.settings = settings;
        this.hostCalls = hostCalls;
    }

    static KitCallbacks forCase(Invocation invocation) {
        // Typed by the ABI's own settings type; the reference hosts' classes are not needed.
        return switch (invocation.abi()) {
            case WapcAbi.NAME -> {
                WapcSettings wapc = invocation.settings(WapcSettings.class).orElse(WapcSettings.DEFAULT);
                yield new KitCallbacks(WapcAbi.NAME, wapc, new HostCalls(wapc));
            }
            case AsyncBridgeAbi.NAME -> new KitCallbacks(AsyncBridgeAbi.NAME,
                    invocation.settings(BridgeSettings.class).orElse(BridgeSettings.DEFAULT), null);
            case WasmExecAbi.NAME -> new KitCallbacks(WasmExecAbi.NAME,
                    invocation.settings(WasmExecSettings.class).orElse(WasmExecSettings.DEFAULT), null);
            default -> new KitCallbacks(invocation.abi(), null, null);
        };
    }

    /** One call of a pool: its own record of host calls, answered by handlers whose barriers the pool shares. */
    static KitCallbacks forPoolCall(String abi, Object settings, HostCalls shared) {
        return new KitCallbacks(abi, settings, shared == null ? null : shared.fresh());
    }

    /** The settings an adapter needs to run the call; the waPC handlers themselves stay in the kit. */
    Map<String, Object> settings() {
        return ProtocolSettings.toFrame(settings);
    }

    /** The host calls answered so far, encoded as {@code Outcome.hostCalls()}; null for ABIs without them. */
    byte[] hostCalls() {
        return hostCalls == null ? null : hostCalls.encoded();
    }

    @Override
    public Map<String, Object> answer(Frame callback) throws Frame.ProtocolError {
        String kind = callback.requireText("kind");
        if (kind.equals("host-call") && hostCalls != null) {
            HostCalls.Answer a = hostCalls.answer(callback.requireText("binding"), callback.requireText("namespace"),
                    callback.requireText("operation"), callback.requireBytes("payload"));
            return a.error() != null ? Map.of("error", new String(a.error(), StandardCharsets.UTF_8))
                    : Map.of("response", a.response());
        }
        if (kind.equals("get") && abi.equals(AsyncBridgeAbi.NAME)) {
            return get(callback.requireBytes("payload"));
        }
        throw new Frame.ProtocolError("a callback of kind '" + kind + "' in a call of abi '" + abi
                + "' (waPC calls make 'host-call' callbacks, async-bridge calls 'get')");
    }

    private Map<String, Object> get(byte[] payload) {
        int number = ++gets;
        BridgeSettings settings = this.settings instanceof BridgeSettings b ? b : BridgeSettings.DEFAULT;
        GetBehaviour behaviour = settings.forGet(number).orElse(null);
        if (behaviour == null) {
            // In process this ends the call as a protocol fault; "kind" asks the adapter to report it so.
            return Map.of("error", "the guest called get " + number + " times but the case scripts "
                    + settings.answers().size() + (settings.answers().size() == 1 ? " answer" : " answers"),
                    "kind", "protocol");
        }
        pause(behaviour);
        if (behaviour instanceof GetBehaviour.Echo) {
            return Map.of("response", payload);
        }
        if (behaviour instanceof GetBehaviour.Resolve r) {
            return Map.of("response", r.payload());
        }
        if (behaviour instanceof GetBehaviour.Reject r) {
            return Map.of("error", "get #" + number + " rejected: " + r.message());
        }
        return Map.of("error", "get #" + number + " asks for an AsyncFunction, which external hosts do not offer yet");
    }

    private static void pause(GetBehaviour behaviour) {
        try {
            Thread.sleep(behaviour.delay().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
