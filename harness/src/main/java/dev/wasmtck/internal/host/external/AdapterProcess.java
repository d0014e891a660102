package dev.wasmtck.internal.host.external;

import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.runtime.GuestFault.Kind;
import dev.wasmtck.host.Invocation;
import dev.wasmtck.runtime.Limits;
import dev.wasmtck.host.Outcome;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.opentest4j.TestAbortedException;

/**
 * One running adapter: the kit's end of the host protocol (docs/host-protocol.md). It serves one call
 * at a time. Frames are read on a thread of their own into a queue, so the kit can stop waiting at a
 * deadline however the adapter behaves; stderr is drained into a short tail quoted in failures.
 * Once anything goes wrong the process is killed and {@link #usable()} is false.
 */
final class AdapterProcess {
    static final int PROTOCOL = 1;
    private static final int STDERR_LINES = 20;

    /** What the reader thread saw: a frame, a protocol error, or the end of stdout. */
    private sealed interface Event {}

    private record Received(Frame frame) implements Event {}

    private record Broken(String what) implements Event {}

    private record Ended() implements Event {}

    private final AdapterSpec spec;
    private final Process process;
    private final OutputStream toAdapter;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    /** The frames of pool calls in flight, by call id: the reader routes each frame carrying a 'call' there. */
    private final Map<Long, BlockingQueue<Event>> calls = new java.util.concurrent.ConcurrentHashMap<>();
    /** While a pool is open: answers its callbacks that name no call (made on an instance's own thread). */
    private volatile Callbacks poolCallbacks;
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private final Map<Object, Long> modules = new IdentityHashMap<>();
    private final Thread logReader;
    private Frame hello;
    private long nextModule = 1;
    private volatile boolean usable = true;

    private AdapterProcess(AdapterSpec spec, Process process) {
        this.spec = spec;
        this.process = process;
        this.toAdapter = process.getOutputStream();
        daemon("stdout", () -> readFrames(process.getInputStream()));
        this.logReader = daemon("stderr", () -> readLog(process.getErrorStream()));
    }

    /** Starts the adapter and waits for its hello; an adapter that cannot start is killed and reported. */
    static AdapterProcess start(AdapterSpec spec) {
        Process process;
        try {
            process = new ProcessBuilder(spec.command()).directory(spec.directory().toFile()).start();
        } catch (IOException e) {
            throw new AdapterFailure(spec.describe() + " could not be started: " + e.getMessage()
                    + " (declared in " + spec.declaredIn() + ")");
        }
        AdapterProcess adapter = new AdapterProcess(spec, process);
        adapter.hello = adapter.awaitHello();
        return adapter;
    }

    private Frame awaitHello() {
        String during = "start-up, before its hello";
        Frame frame = next(during, System.nanoTime() + spec.startTimeout().toNanos());
        if (frame == null) {
            throw fail("did not say hello within " + spec.startTimeout());
        }
        if (!frame.type().equals("hello")) {
            throw fail("sent a '" + frame.type() + "' frame during " + during);
        }
        long version = frame.number("protocol").orElse(-1L);
        if (version != PROTOCOL) {
            throw fail("speaks protocol version " + (version < 0 ? "(none given)" : version) + "; the kit speaks "
                    + PROTOCOL);
        }
        Set<String> served = Set.copyOf(frame.textList("abis"));
        for (String abi : spec.abis()) {
            if (!served.contains(abi)) {
                throw fail("does not serve abi '" + abi + "', which " + spec.declaredIn() + " declares; its hello lists "
                        + served);
            }
        }
        return frame;
    }

    Frame hello() {
        return hello;
    }

    boolean usable() {
        return usable && process.isAlive();
    }

    /** The capabilities the hello declared. */
    Set<String> capabilities() {
        return Set.copyOf(hello.textList("capabilities"));
    }

    /** Answers the adapter's callbacks during a call. */
    interface Callbacks {
        /** The fields of the {@code callback-result} frame answering {@code callback}. */
        Map<String, Object> answer(Frame callback) throws Frame.ProtocolError;
    }

    /**
     * Runs one call of {@code guest} (loaded into this process first if needed) and returns its outcome.
     *
     * @throws GuestFault what the guest did, as the adapter reported it, or a timeout when the adapter did not
     *     answer in time (then this process is killed)
     * @throws AdapterFailure when the adapter broke the protocol, crashed or exited (then it is killed)
     */
    Outcome call(ExternalGuest guest, Invocation invocation, Map<String, Object> settings, Callbacks callbacks)
            throws GuestFault {
        long module = load(guest);
        Duration bound = invocation.limits().callBound().plus(spec.grace());
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("type", "call");
        call.put("module", module);
        call.put("abi", invocation.abi());
        call.put("function", invocation.function());
        call.put("input", invocation.input());
        call.put("settings", settings);
        call.put("limits", limits(invocation.limits()));
        call.put("observe", invocation.observe());
        String during = "the call of \"" + invocation.function() + "\" on " + guest.name();
        send(call, during);
        return exchange(events, null, callbacks, during, bound);
    }

    /**
     * Answers callbacks until the result arrives on {@code queue}; {@code callId} tags the answers of a
     * pool call (null for a single call).
     */
    private Outcome exchange(BlockingQueue<Event> queue, Long callId, Callbacks callbacks, String during, Duration bound)
            throws GuestFault {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            Frame frame = next(queue, during, deadline);
            if (frame == null) {
                throw timedOut(during, bound);
            }
            switch (frame.type()) {
                case "callback" -> {
                    Map<String, Object> answer;
                    try {
                        answer = new LinkedHashMap<>(callbacks.answer(frame));
                    } catch (Frame.ProtocolError e) {
                        throw fail("sent " + e.getMessage() + " during " + during);
                    }
                    answer.put("type", "callback-result");
                    if (callId != null) {
                        answer.put("call", callId);
                    }
                    frame.number("callback").ifPresent(id -> answer.put("callback", id));
                    send(answer, during);
                }
                case "result" -> {
                    return outcome(frame, during);
                }
                default -> throw fail("sent a '" + frame.type() + "' frame during " + during);
            }
        }
    }

    // ---------------------------------------------------------------- pools (docs/host-protocol.md#concurrent-calls)

    /** Opens pool {@code pool} of {@code size} instances of {@code guest} in the adapter. */
    void openPool(ExternalGuest guest, long pool, int size, Map<String, Object> settings, Limits limits,
            Callbacks callbacks) throws GuestFault {
        long module = load(guest);
        poolCallbacks = callbacks;
        String during = "opening a pool of " + size + " instances of " + guest.name();
        Map<String, Object> open = new LinkedHashMap<>();
        open.put("type", "pool-open");
        open.put("pool", pool);
        open.put("module", module);
        open.put("abi", guest.abi());
        open.put("size", size);
        open.put("settings", settings);
        open.put("limits", limits(limits));
        send(open, during);
        Frame frame = next(during, System.nanoTime() + spec.loadTimeout().toNanos());
        if (frame == null) {
            throw timedOut(during, spec.loadTimeout());
        }
        if (frame.type().equals("result") && frame.has("fault")) {
            outcome(frame, during); // the adapter could not open it: its fault, as for a call
        }
        if (!frame.type().equals("pool-opened")) {
            throw fail("sent a '" + frame.type() + "' frame during " + during);
        }
    }

    /** One call on an open pool; several may run at once, from different threads. */
    Outcome poolCall(long pool, long callId, String function, byte[] input, Callbacks callbacks, Duration bound)
            throws GuestFault {
        BlockingQueue<Event> queue = new LinkedBlockingQueue<>();
        calls.put(callId, queue);
        try {
            String during = "pool call " + callId + " of \"" + function + "\"";
            send(Map.of("type", "pool-call", "pool", pool, "call", callId, "function", function, "input", input), during);
            return exchange(queue, callId, callbacks, during, bound.plus(spec.grace()));
        } finally {
            calls.remove(callId);
        }
    }

    /**
     * Sends a pool's {@code pool-stats} or {@code pool-close} and returns the adapter's answer of the same
     * type (plus "d" for close); null, and the process killed, when none came within the grace.
     */
    Frame poolRequest(String type, long pool) {
        String during = type + " of pool " + pool;
        send(Map.of("type", type, "pool", pool), during);
        Frame frame = next(during, System.nanoTime() + spec.grace().toNanos());
        String expected = type.equals("pool-close") ? "pool-closed" : type;
        if (type.equals("pool-close")) {
            poolCallbacks = null;
        }
        if (frame == null || !frame.type().equals(expected)) {
            kill();
            return null;
        }
        return frame;
    }

    private long load(ExternalGuest guest) throws GuestFault {
        Long known = modules.get(guest);
        if (known != null) {
            return known;
        }
        long id = nextModule++;
        String during = "loading " + guest.name();
        send(Map.of("type", "load", "module", id, "name", guest.name(), "abi", guest.abi(), "wasm", guest.wasm()), during);
        Frame frame = next(during, System.nanoTime() + spec.loadTimeout().toNanos());
        if (frame == null) {
            kill();
            throw new GuestFault(Kind.TIMEOUT, "host " + spec.id() + ": its adapter did not load the module within "
                    + spec.loadTimeout() + " (load-timeout of " + spec.declaredIn() + "); the kit killed it");
        }
        switch (frame.type()) {
            case "loaded" -> {
                modules.put(guest, id);
                return id;
            }
            case "load-failed" -> {
                String message = frame.text("message").orElse("the module did not load");
                if (frame.value("unsupported").filter(v -> v.isBooleanValue() && v.asBooleanValue().getBoolean()).isPresent()) {
                    // A module outside what this host serves (another Go line's binary): not run, as for a missing capability.
                    throw new TestAbortedException("host " + spec.id() + " does not serve guest " + guest.name() + ": " + message);
                }
                throw new GuestFault(Kind.LINK, message);
            }
            default -> throw fail("sent a '" + frame.type() + "' frame during " + during);
        }
    }

    private static Map<String, Object> limits(Limits l) {
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("timeout-ms", l.timeout().toMillis());
        limits.put("init-timeout-ms", l.initTimeout() == null ? null : l.initTimeout().toMillis());
        limits.put("memory-bytes", l.maxMemoryBytes());
        return limits;
    }

    private Outcome outcome(Frame result, String during) throws GuestFault {
        Optional<org.msgpack.value.Value> fault = result.value("fault");
        if (fault.isPresent()) {
            if (!fault.get().isMapValue()) {
                throw fail("sent a result whose 'fault' is not a map during " + during);
            }
            Map<String, String> f = new LinkedHashMap<>();
            fault.get().asMapValue().map().forEach((k, v) -> f.put(k.toString(), v.isStringValue()
                    ? v.asStringValue().asString() : v.toString()));
            Kind kind = Arrays.stream(Kind.values()).filter(k -> k.label().equals(f.get("kind"))).findFirst()
                    .orElseThrow(() -> fail("sent a fault of unknown kind '" + f.get("kind") + "' during " + during
                            + "; the kinds are " + Arrays.stream(Kind.values()).map(Kind::label).toList()));
            throw new GuestFault(kind, f.getOrDefault("message", ""));
        }
        Integer exit = result.number("exit-code").map(Long::intValue).orElse(null);
        Map<String, byte[]> globals = new LinkedHashMap<>();
        result.value("globals").filter(org.msgpack.value.Value::isMapValue).ifPresent(g -> g.asMapValue().map()
                .forEach((k, v) -> globals.put(k.toString(), v.isRawValue() ? v.asRawValue().asByteArray() : new byte[] {(byte) 0xc0})));
        return new Outcome(result.bytes("output").orElse(null), result.text("stdout").orElse(""),
                result.text("stderr").orElse(""), exit, globals, result.bytes("host-calls").orElse(null));
    }

    private void send(Map<String, ?> frame, String during) {
        try {
            synchronized (toAdapter) {
                Frame.write(toAdapter, frame);
            }
        } catch (IOException e) {
            throw fail("stopped reading its stdin (" + e.getMessage() + ") during " + during);
        }
    }

    /** The next frame, or null at the deadline; an end of stdout or a broken frame fails the adapter. */
    private Frame next(String during, long deadline) {
        return next(events, during, deadline);
    }

    private Frame next(BlockingQueue<Event> queue, String during, long deadline) {
        Event event;
        try {
            event = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            throw new AdapterFailure(spec.describe() + ": interrupted while waiting during " + during);
        }
        if (event == null) {
            return null;
        }
        if (event instanceof Received r) {
            return r.frame();
        }
        if (event instanceof Broken b) {
            throw fail("sent " + b.what() + " during " + during);
        }
        throw fail(exitDescription() + " during " + during);
    }

    private String exitDescription() {
        try {
            if (process.waitFor(2, TimeUnit.SECONDS)) {
                return "exited with code " + process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "closed its stdout";
    }

    private GuestFault timedOut(String during, Duration bound) {
        kill();
        return new GuestFault(Kind.TIMEOUT, "host " + spec.id() + ": its adapter did not answer within " + bound
                + " (the case's limit and " + spec.grace() + " of grace) during " + during
                + "; the kit killed it and starts a fresh one for the next case");
    }

    /** Kills the process and returns the failure to throw, naming the adapter, what it did and its log's end. */
    private AdapterFailure fail(String what) {
        kill();
        try {
            logReader.join(1000); // the last lines of a crashing adapter say why
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String tail;
        synchronized (stderrTail) {
            tail = stderrTail.isEmpty() ? "" : "; its stderr ends:\n  " + String.join("\n  ", stderrTail);
        }
        return new AdapterFailure(spec.describe() + " " + what + tail);
    }

    void kill() {
        usable = false;
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Ends the adapter politely: stdin closes, which tells it to exit; killed if it lingers. */
    void close() {
        usable = false;
        try {
            toAdapter.close();
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (IOException e) {
            kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }

    private void readFrames(InputStream in) {
        try {
            while (true) {
                Optional<Frame> frame = Frame.read(in);
                if (frame.isEmpty()) {
                    broadcast(new Ended());
                    return;
                }
                Frame f = frame.get();
                BlockingQueue<Event> routed = f.number("call").map(calls::get).orElse(null);
                Callbacks pool = poolCallbacks;
                if (routed == null && pool != null && f.type().equals("callback")) {
                    answerApart(f, pool);
                } else {
                    (routed != null ? routed : events).add(new Received(f));
                }
            }
        } catch (Frame.ProtocolError e) {
            broadcast(new Broken(e.getMessage()));
        } catch (IOException e) {
            broadcast(new Ended());
        }
    }

    /**
     * Answers a pool's callback on a thread of its own: a barrier handler holds its answer until another
     * call's callback arrives, so answers must not wait for each other.
     */
    private void answerApart(Frame callback, Callbacks pool) {
        daemon("callback", () -> {
            try {
                Map<String, Object> answer = new LinkedHashMap<>(pool.answer(callback));
                answer.put("type", "callback-result");
                callback.number("callback").ifPresent(id -> answer.put("callback", id));
                send(answer, "a pool's callback");
            } catch (Frame.ProtocolError e) {
                kill();
                broadcast(new Broken(e.getMessage()));
            } catch (AdapterFailure e) {
                broadcast(new Broken("nothing more: " + e.getMessage()));
            }
        });
    }

    /** An end or a broken stream reaches every waiting pool call as well as the main queue. */
    private void broadcast(Event event) {
        calls.values().forEach(q -> q.add(event));
        events.add(event);
    }

    private void readLog(InputStream err) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(err, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                synchronized (stderrTail) {
                    stderrTail.addLast(line);
                    if (stderrTail.size() > STDERR_LINES) {
                        stderrTail.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            // The process is gone; what it wrote so far is kept.
        }
    }

    private Thread daemon(String stream, Runnable body) {
        Thread t = new Thread(body, "adapter-" + spec.id() + "-" + stream);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
