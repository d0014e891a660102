package dev.wasmtck.internal.host.external;

import java.util.ServiceLoader;
import dev.wasmtck.abi.bridge.AsyncFunction;
import dev.wasmtck.abi.wasmexec.JsHostFunction;
import dev.wasmtck.host.Capabilities;
import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.host.GuestModule;
import dev.wasmtck.host.Invocation;
import dev.wasmtck.runtime.Limits;
import dev.wasmtck.host.Outcome;
import dev.wasmtck.host.PooledGuest;
import dev.wasmtck.host.PreparedGuest;
import dev.wasmtck.internal.host.bridge.AsyncBridgeAbi;
import dev.wasmtck.internal.host.reference.ReferenceHost;
import dev.wasmtck.abi.wapc.HostCallHandler;
import dev.wasmtck.abi.wapc.JavaHostCallHandler;
import dev.wasmtck.internal.host.wapc.WapcAbi;
import dev.wasmtck.abi.wapc.WapcSettings;
import dev.wasmtck.internal.host.wasmexec.WasmExecAbi;
import dev.wasmtck.internal.runtime.chicory.ChicoryRuntime;
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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The kit's reference host (on Chicory) as a protocol adapter: the protocol's own conformance test,
 * since every case must come out the same through it as in process. Serves all three ABIs; a waPC
 * case's host-call handlers stay in the kit and are reached through {@code host-call} callbacks, the
 * async-bridge get script and the wasm-exec settings arrive with the call ({@link ProtocolSettings}).
 *
 * <p>Run it as {@code java -cp <harness classpath> dev.wasmtck.internal.host.external.ReferenceAdapter}.
 */
public final class ReferenceAdapter {
    private final InputStream in;
    private final OutputStream out;
    private final ReferenceHost host = new ReferenceHost(new ChicoryRuntime(true));
    private final Map<Long, PreparedGuest> modules = new HashMap<>();
    private final Map<Long, PooledGuest.GuestPool> pools = new ConcurrentHashMap<>();
    /** The callback-results awaited while a pool is open, by callback id; the main loop routes them here. */
    private final Map<Long, BlockingQueue<Frame>> answers = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong callbackIds = new java.util.concurrent.atomic.AtomicLong();
    /**
     * The pool call the current thread serves. A host call made on an instance's own serving thread (fake
     * waPC) has none: the kit answers it with the pool's handlers, and the call's own record of host
     * calls comes with its result.
     */
    private static final ThreadLocal<Long> CALL = new ThreadLocal<>();
    /** Pool calls run at once, each on a thread with room for wasm recursion, as the kit's own callers. */
    private final ExecutorService callers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(null, r, "pool-call", 64L << 20);
        t.setDaemon(true);
        return t;
    });

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
        hello.put("abis", List.of(WapcAbi.NAME, AsyncBridgeAbi.NAME, WasmExecAbi.NAME));
        // What the in-process host offers, concurrent calls on a pool (pool-* frames) included; Java
        // host functions only where some are on this process's class path (the kit's are not).
        hello.put("capabilities", host.capabilities().stream()
                .filter(c -> !c.equals(Capabilities.JAVA_HOST_FUNCTIONS) || javaFunctionsHere()).sorted().toList());
        write(hello);
    }

    private static boolean javaFunctionsHere() {
        return ServiceLoader.load(JsHostFunction.class).findFirst().isPresent()
                || ServiceLoader.load(AsyncFunction.class).findFirst().isPresent();
    }

    /** Answers one frame from the kit. */
    public void handle(Frame frame) throws IOException, Frame.ProtocolError {
        switch (frame.type()) {
            case "load" -> load(frame);
            case "call" -> call(frame);
            case "pool-open" -> poolOpen(frame);
            case "pool-call" -> callers.execute(() -> poolCall(frame));
            case "pool-stats" -> poolStats(frame);
            case "pool-close" -> poolClose(frame);
            case "callback-result" -> route(frame);
            default -> write(Map.of("type", "error", "message", "unexpected frame '" + frame.type() + "'"));
        }
    }

    private void load(Frame frame) throws IOException, Frame.ProtocolError {
        long id = frame.number("module").orElseThrow(() -> new Frame.ProtocolError("a load without 'module'"));
        try {
            modules.put(id, host.prepare(new GuestModule(frame.requireText("name"), frame.requireBytes("wasm")),
                    frame.requireText("abi")));
            write(Map.of("type", "loaded", "module", id));
        } catch (GuestFault f) {
            write(Map.of("type", "load-failed", "module", id, "message", f.getMessage()));
        }
    }

    private void call(Frame frame) throws IOException, Frame.ProtocolError {
        PreparedGuest guest = modules.get(frame.number("module").orElse(-1L));
        if (guest == null) {
            write(Map.of("type", "error", "message", "call of a module that was never loaded"));
            return;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("type", "result");
        try {
            String abi = frame.requireText("abi");
            Outcome o = guest.run(new Invocation(abi, frame.requireText("function"),
                    frame.bytes("input").orElse(new byte[0]), settings(abi, frame), limits(frame), frame.textList("observe")));
            result.put("output", o.output());
            result.put("stdout", o.stdout());
            result.put("stderr", o.stderr());
            result.put("exit-code", o.exitCode());
            result.put("globals", o.globals());
        } catch (GuestFault f) {
            result.put("fault", Map.of("kind", f.kind().label(), "message", String.valueOf(f.getMessage())));
        }
        write(result);
    }

    private void write(Map<String, ?> frame) throws IOException {
        synchronized (out) {
            Frame.write(out, frame);
        }
    }

    private void poolOpen(Frame frame) throws IOException, Frame.ProtocolError {
        long pool = frame.number("pool").orElse(-1L);
        PreparedGuest guest = modules.get(frame.number("module").orElse(-1L));
        if (!(guest instanceof PooledGuest pooled)) {
            write(Map.of("type", "error", "message", "pool-open of a module that was never loaded or cannot be pooled"));
            return;
        }
        try {
            pools.put(pool, pooled.pool(frame.number("size").orElse(1L).intValue(),
                    settings(frame.requireText("abi"), frame), limits(frame)));
            write(Map.of("type", "pool-opened", "pool", pool));
        } catch (GuestFault f) {
            write(Map.of("type", "result", "fault", Map.of("kind", f.kind().label(), "message", String.valueOf(f.getMessage()))));
        }
    }

    /** One pool call, on a caller thread; its host calls wait for their answers in {@link #answers}. */
    private void poolCall(Frame frame) {
        long call = frame.number("call").orElse(-1L);
        CALL.set(call);
        try {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("type", "result");
            result.put("call", call);
            PooledGuest.GuestPool pool = pools.get(frame.number("pool").orElse(-1L));
            try {
                if (pool == null) {
                    throw new GuestFault(GuestFault.Kind.PROTOCOL, "a pool-call of a pool never opened");
                }
                Outcome o = pool.call(frame.requireText("function"), frame.bytes("input").orElse(new byte[0]));
                result.put("output", o.output());
                result.put("stdout", o.stdout());
                result.put("stderr", o.stderr());
                // The call's own host calls: the pool leaves out those made while an instance was set up.
                result.put("host-calls", o.hostCalls());
            } catch (GuestFault f) {
                result.put("fault", Map.of("kind", f.kind().label(), "message", String.valueOf(f.getMessage())));
            }
            write(result);
        } catch (IOException | Frame.ProtocolError | RuntimeException e) {
            System.err.println("reference adapter: pool call " + call + " failed: " + e);
        } finally {
            CALL.remove();
        }
    }

    private void poolStats(Frame frame) throws IOException {
        long pool = frame.number("pool").orElse(-1L);
        PooledGuest.GuestPool p = pools.get(pool);
        PooledGuest.Stats s = p == null ? new PooledGuest.Stats(0, 0, 0) : p.stats();
        write(Map.of("type", "pool-stats", "pool", pool, "created", s.created(), "discarded", s.discarded(),
                "peak-busy", s.peakBusy()));
    }

    private void poolClose(Frame frame) throws IOException {
        long pool = frame.number("pool").orElse(-1L);
        PooledGuest.GuestPool p = pools.remove(pool);
        if (p != null) {
            p.close();
        }
        write(Map.of("type", "pool-closed", "pool", pool));
    }

    private void route(Frame frame) throws IOException {
        BlockingQueue<Frame> waiting = answers.get(frame.number("callback").orElse(-1L));
        if (waiting == null) {
            write(Map.of("type", "error", "message", "a callback-result for no call in flight"));
            return;
        }
        waiting.add(frame);
    }

    /**
     * The case's settings as the call frame carries them: async-bridge and wasm-exec settings travel in
     * full (the bridge's get script is played here, as in process); waPC host calls go back to the kit.
     */
    private Object settings(String abi, Frame frame) throws Frame.ProtocolError {
        return switch (abi) {
            case AsyncBridgeAbi.NAME -> ProtocolSettings.bridge(frame);
            case WasmExecAbi.NAME -> ProtocolSettings.wasmExec(frame);
            default -> wapcViaKit();
        };
    }

    /** One handler for every host call: ask the kit, which answers from the case's own handlers. */
    private WapcSettings wapcViaKit() {
        JavaHostCallHandler viaKit = new JavaHostCallHandler() {
            @Override
            public String name() {
                return "host-protocol";
            }

            @Override
            public byte[] call(String binding, String namespace, String operation, byte[] payload) throws Exception {
                Map<String, Object> callback = new LinkedHashMap<>(Map.of("type", "callback", "kind", "host-call",
                        "binding", binding, "namespace", namespace, "operation", operation, "payload", payload));
                if (pools.isEmpty()) {
                    // A single call: the main loop waits for its result, so this thread reads the answer itself.
                    write(callback);
                    return answered(Frame.read(in).orElseThrow(() -> new IOException("stdin ended during a host call")));
                }
                long id = callbackIds.incrementAndGet();
                BlockingQueue<Frame> answer = new LinkedBlockingQueue<>();
                answers.put(id, answer);
                callback.put("callback", id);
                if (CALL.get() != null) {
                    callback.put("call", CALL.get());
                }
                try {
                    write(callback);
                    return answered(answer.take());
                } finally {
                    answers.remove(id);
                }
            }

            private byte[] answered(Frame answer) throws Exception {
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
