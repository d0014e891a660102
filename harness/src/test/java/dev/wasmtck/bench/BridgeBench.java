package dev.wasmtck.bench;

import dev.wasmtck.host.GuestModule;
import dev.wasmtck.host.Invocation;
import dev.wasmtck.runtime.Limits;
import dev.wasmtck.host.PreparedGuest;
import dev.wasmtck.internal.host.bridge.AsyncBridgeAbi;
import dev.wasmtck.internal.host.bridge.AsyncBridgeHost;
import dev.wasmtck.abi.bridge.BridgeSettings;
import dev.wasmtck.runtime.CompiledModule;
import dev.wasmtck.runtime.HostFunction;
import dev.wasmtck.runtime.WasmRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * The wasm-tck side of ci/bench/run for the async-bridge ABI (not a test): the calls ci/bench/bridge-node.js
 * makes with the seed's node host, through {@link AsyncBridgeHost}'s public path on the runtime
 * {@code bench.runtime}. A call sends {@code {message: <N bytes>}} to the seed's guest (c/message-alloc), get
 * echoes its payload ({@link BridgeSettings#DEFAULT}), and the callback's {@code {msg: ...}} is checked.
 *
 * <pre>BridgeBench &lt;message-alloc.wasm&gt;</pre>
 *
 * Settings (system properties, the script passes its environment on): {@code bench.bridge.calls},
 * {@code bench.rounds}, {@code bench.warm.rounds}, {@code bench.starts.warm}, {@code bench.starts},
 * {@code bench.warm.millis} (the least warm-up per metric, {@link Bench#warm}).
 */
public final class BridgeBench {
    private static final Limits LIMITS = new Limits(Duration.ofMinutes(1), 256L << 20);

    private BridgeBench() {}

    public static void main(String[] args) throws Exception {
        byte[] wasm = Files.readAllBytes(Path.of(args[0]));
        WasmRuntime runtime = Bench.runtime();
        CompiledModule module = runtime.compile("message-alloc", wasm);
        // Instantiate alone, with every import a host function that is never called.
        List<HostFunction> stubs = new ArrayList<>();
        for (var i : module.shape().functionImports()) {
            stubs.add(new HostFunction(i.module(), i.name(), i.type(), (inst, a) -> {
                throw new IllegalStateException("not called in this benchmark");
            }));
        }
        Bench.warm(Bench.setting("bench.starts.warm", 20), () -> module.instantiate(stubs, LIMITS));
        List<Double> starts = new ArrayList<>();
        for (int i = 0; i < Bench.setting("bench.starts", 30) * 10; i++) {
            long t0 = System.nanoTime();
            module.instantiate(stubs, LIMITS);
            starts.add(Bench.millis(t0) * 1000);
        }
        Bench.print("instantiate", starts, "us");

        PreparedGuest guest = new AsyncBridgeHost(runtime).prepare(new GuestModule("message-alloc", wasm));
        for (int size : new int[] {16, 1024, 65536, 1 << 20}) {
            byte[] text = new byte[size];
            Arrays.fill(text, (byte) 'x');
            Invocation call = new Invocation(AsyncBridgeAbi.NAME, "call", map("message", text), BridgeSettings.DEFAULT,
                    LIMITS);
            byte[] expected = map("msg", text);
            int n = Math.min(Bench.setting("bench.bridge.calls", 200), Math.max(10, (16 << 20) / size));
            Bench.print("call " + size + " B (instantiate + call + get + callback)",
                    Bench.perCall(Bench.setting("bench.warm.rounds", 3), Bench.setting("bench.rounds", 10), n, () -> {
                        byte[] out = guest.run(call).output();
                        if (!Arrays.equals(out, expected)) {
                            throw new IllegalStateException("wrong answer at " + size + " B");
                        }
                    }), "us/call");
        }
    }

    /** {key: <str of the given bytes>} in MessagePack. */
    private static byte[] map(String key, byte[] utf8) throws IOException {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packMapHeader(1).packString(key).packRawStringHeader(utf8.length).writePayload(utf8);
            return p.toByteArray();
        }
    }
}
