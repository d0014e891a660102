package dev.wasmtck.host.external;

import dev.wasmtck.host.Capabilities;
import dev.wasmtck.host.GuestFault;
import dev.wasmtck.host.GuestModule;
import dev.wasmtck.host.Invocation;
import dev.wasmtck.host.Limits;
import dev.wasmtck.host.Outcome;
import dev.wasmtck.host.PreparedGuest;
import dev.wasmtck.host.reference.ReferenceHost;
import dev.wasmtck.abi.wapc.HostCallHandler;
import dev.wasmtck.abi.wapc.JavaHostCallHandler;
import dev.wasmtck.host.wapc.WapcAbi;
import dev.wasmtck.abi.wapc.WapcSettings;
import dev.wasmtck.runtime.chicory.ChicoryRuntime;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kit's reference host (on Chicory) as a protocol adapter: the protocol's own conformance test,
 * since every case must come out the same through it as in process. Serves waPC; the case's host-call
 * handlers stay in the kit and are reached through {@code host-call} callbacks.
 *
 * <p>Run it as {@code java -cp <harness classpath> dev.wasmtck.host.external.ReferenceAdapter}.
 */
public final class ReferenceAdapter {
    private final InputStream in;
    private final OutputStream out;
    private final ReferenceHost host = new ReferenceHost(new ChicoryRuntime(true));
    private final Map<Long, PreparedGuest> modules = new HashMap<>();

    public ReferenceAdapter(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        OutputStream frames = new BufferedOutputStream(new java.io.FileOutputStream(java.io.FileDescriptor.out));
        // Anything else that prints goes to stderr, the adapter's log, never between frames.
        System.setOut(new PrintStream(System.err, true));
        new ReferenceAdapter(new BufferedInputStream(System.in), frames).serve();
    }

    /** Says hello, then serves frames until stdin ends. */
    public void serve() throws IOException, Frame.ProtocolError {
        hello();
        for (Optional<Frame> f = Frame.read(in); f.isPresent(); f = Frame.read(in)) {
            handle(f.get());
        }
    }

    public void hello() throws IOException {
        Map<String, Object> hello = new LinkedHashMap<>();
        hello.put("type", "hello");
        hello.put("protocol", AdapterProcess.PROTOCOL);
        hello.put("host", Map.of("name", "wasm-tck reference host", "version", "1"));
        hello.put("runtime", Map.of("name", "chicory", "version", "1.7.5"));
        hello.put("abis", List.of(WapcAbi.NAME));
        hello.put("capabilities", List.of(Capabilities.TIMEOUT, Capabilities.MEMORY_LIMIT,
                Capabilities.WAPC_FAKE_OVER_WASM_EXEC));
        Frame.write(out, hello);
    }

    /** Answers one frame from the kit. */
    public void handle(Frame frame) throws IOException, Frame.ProtocolError {
        switch (frame.type()) {
            case "load" -> load(frame);
            case "call" -> call(frame);
            default -> Frame.write(out, Map.of("type", "error", "message", "unexpected frame '" + frame.type() + "'"));
        }
    }

    private void load(Frame frame) throws IOException, Frame.ProtocolError {
        long id = frame.number("module").orElseThrow(() -> new Frame.ProtocolError("a load without 'module'"));
        try {
            modules.put(id, host.prepare(new GuestModule(frame.requireText("name"), frame.requireBytes("wasm")),
                    frame.requireText("abi")));
            Frame.write(out, Map.of("type", "loaded", "module", id));
        } catch (GuestFault f) {
            Frame.write(out, Map.of("type", "load-failed", "module", id, "message", f.getMessage()));
        }
    }

    private void call(Frame frame) throws IOException, Frame.ProtocolError {
        PreparedGuest guest = modules.get(frame.number("module").orElse(-1L));
        if (guest == null) {
            Frame.write(out, Map.of("type", "error", "message", "call of a module that was never loaded"));
            return;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("type", "result");
        try {
            Outcome o = guest.run(new Invocation(frame.requireText("abi"), frame.requireText("function"),
                    frame.bytes("input").orElse(new byte[0]), settings(), limits(frame)));
            result.put("output", o.output());
            result.put("stdout", o.stdout());
            result.put("stderr", o.stderr());
            result.put("exit-code", o.exitCode());
        } catch (GuestFault f) {
            result.put("fault", Map.of("kind", f.kind().label(), "message", String.valueOf(f.getMessage())));
        }
        Frame.write(out, result);
    }

    /** One handler for every host call: ask the kit, which answers from the case's own handlers. */
    private WapcSettings settings() {
        JavaHostCallHandler viaKit = new JavaHostCallHandler() {
            @Override
            public String name() {
                return "host-protocol";
            }

            @Override
            public byte[] call(String binding, String namespace, String operation, byte[] payload) throws Exception {
                Frame.write(out, Map.of("type", "callback", "kind", "host-call", "binding", binding,
                        "namespace", namespace, "operation", operation, "payload", payload));
                Frame answer = Frame.read(in).orElseThrow(() -> new IOException("stdin ended during a host call"));
                if (!answer.type().equals("callback-result")) {
                    throw new IOException("expected a callback-result, got '" + answer.type() + "'");
                }
                if (answer.has("error")) {
                    throw new Exception(answer.requireText("error"));
                }
                return answer.bytes("response").orElse(new byte[0]);
            }
        };
        return new WapcSettings(List.of(new HostCallHandler(null, null, null, null, null, false, viaKit, 0)));
    }

    private static Limits limits(Frame frame) {
        Map<String, Long> l = new HashMap<>();
        frame.value("limits").filter(v -> v.isMapValue()).ifPresent(v -> v.asMapValue().map().forEach((k, n) -> {
            if (n.isIntegerValue()) {
                l.put(k.toString(), n.asIntegerValue().asLong());
            }
        }));
        Long init = l.get("init-timeout-ms");
        return new Limits(Duration.ofMillis(l.getOrDefault("timeout-ms", Limits.DEFAULT.timeout().toMillis())),
                l.getOrDefault("memory-bytes", Limits.DEFAULT.maxMemoryBytes()), init == null ? null : Duration.ofMillis(init));
    }
}
