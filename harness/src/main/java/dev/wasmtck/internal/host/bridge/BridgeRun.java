package dev.wasmtck.internal.host.bridge;

import dev.wasmtck.abi.bridge.AsyncFunction;
import dev.wasmtck.abi.bridge.BridgeForm;
import dev.wasmtck.abi.bridge.BridgeSettings;
import dev.wasmtck.abi.bridge.GetBehaviour;
import dev.wasmtck.abi.bridge.Placement;
import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.runtime.GuestFault.Kind;
import dev.wasmtck.runtime.Limits;
import dev.wasmtck.host.Outcome;
import dev.wasmtck.module.FunctionType;
import dev.wasmtck.internal.runtime.GuestCalls;
import dev.wasmtck.internal.runtime.GuestMemory;
import dev.wasmtck.runtime.HostFunction;
import dev.wasmtck.internal.runtime.HostFunctionFault;
import dev.wasmtck.runtime.MemoryCap;
import dev.wasmtck.module.ModuleShape.DataRange;
import dev.wasmtck.internal.runtime.SharedScheduler;
import dev.wasmtck.runtime.WasmFunction;
import dev.wasmtck.runtime.WasmInstance;
import dev.wasmtck.internal.runtime.Watchdog;
import dev.wasmtck.internal.runtime.wasi.WasiOptions;
import dev.wasmtck.internal.runtime.wasi.WasiPreview1;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.Value;

/**
 * One call of an async-bridge guest, from a fresh instance to the result. Everything that touches
 * the instance runs on the thread that called {@link #execute}; operations complete on other threads
 * and hand their results over through {@link #completions}. {@link #close()} cancels whatever is
 * still outstanding, so nothing of a run survives it.
 */
final class BridgeRun implements AutoCloseable {
    private static final int FIXED_INPUT_OFFSET = 1;

    /** An operation the guest started with get; {@code out} is the out-pointer form's result address. */
    private record Pending(int number, int ptr, int len, int out, CompletableFuture<byte[]> result,
            ScheduledFuture<?> timer) {}

    /** A finished operation, as handed to the calling thread. */
    private record Completion(int number, byte[] payload, Throwable error) {}

    /** A rejection scripted by the case or signalled by an AsyncFunction. */
    private static final class Rejected extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Rejected(String message) {
            super(message, null, false, false);
        }
    }

    private final BridgeGuest guest;
    private final BridgeSettings settings;
    private final Placement placement;
    private final Limits limits;
    private final MemoryCap cap;
    private final Watchdog watchdog;
    private final BlockingQueue<Completion> completions = new LinkedBlockingQueue<>();
    private final Map<Integer, Pending> outstanding = new LinkedHashMap<>();
    private WasiPreview1 wasi;
    private Map<String, AsyncFunction> functions;
    private WasmInstance instance;
    private GuestMemory memory;
    private int gets;

    BridgeRun(BridgeGuest guest, BridgeSettings settings, Placement placement, Limits limits) {
        this.guest = guest;
        this.settings = settings;
        this.placement = placement;
        this.limits = limits == null ? Limits.DEFAULT : limits;
        this.cap = MemoryCap.of(guest.shape, this.limits);
        this.watchdog = Watchdog.forInitialisation(this.limits);
    }

    Outcome execute(String entryName, FunctionType entryType, byte[] input) throws GuestFault {
        try {
            instantiate();
            watchdog.beginCall(limits);
            WasmFunction entry = instance.function(entryName);
            long[] args = guest.form.payloadsInMemory() ? placeInput(input)
                    : BridgeValues.entryArguments(input, entryName, entryType);
            call(entry, entryName, args);
            if (gets == 0) {
                throw new GuestFault(Kind.PROTOCOL, entryName + " returned without calling get: an async-bridge guest"
                        + " must start at least one operation and answer in callback");
            }
            WasmFunction callback = instance.function(BridgeGuest.CALLBACK);
            while (true) {
                Completion done = awaitCompletion();
                Pending pending = outstanding.remove(done.number());
                if (pending == null) {
                    continue; // cancelled or already handled
                }
                if (done.error() != null) {
                    throw rejection(done);
                }
                Optional<byte[]> result = answer(callback, pending, done.payload());
                if (result.isPresent()) {
                    return new Outcome(result.get(), stdout(), stderr());
                }
                if (outstanding.isEmpty()) {
                    throw new GuestFault(Kind.PROTOCOL, "callback " + notFinished() + " after the answer to get #"
                            + done.number() + ", but no get is outstanding: the guest would wait forever ("
                            + gets + (gets == 1 ? " get" : " gets") + " answered)");
                }
            }
        } catch (GuestFault fault) {
            throw withStderr(fault);
        }
    }

    /**
     * Hands one answer to callback, as the guest's form has it; the call's result, or empty when the
     * guest is not finished.
     */
    private Optional<byte[]> answer(WasmFunction callback, Pending pending, byte[] payload) throws GuestFault {
        String name = BridgeGuest.CALLBACK;
        if (guest.form == BridgeForm.VALUE) {
            int value = BridgeValues.number(payload, "the answer to get #" + pending.number());
            return Optional.of(BridgeValues.encode((int) call(callback, name, value)[0]));
        }
        long ptr = placeAnswer(pending, payload);
        if (guest.form == BridgeForm.OUT_POINTER) {
            String what = "the result struct {u32 data; u32 len} at out=" + GuestMemory.u32(pending.out())
                    + " (named by get #" + pending.number() + ")";
            memory.write(pending.out(), new byte[8], what); // cleared, so a struct left at {0, 0} means not finished
            call(callback, name, ptr, payload.length, pending.out());
            long data = memory.readU32(pending.out(), what);
            long len = memory.readU32(pending.out() + 4, what);
            return data == 0 && len == 0 ? Optional.empty() : Optional.of(readData(data, len, what));
        }
        long structPtr = guest.form == BridgeForm.HANDLE
                ? call(callback, name, pending.number(), ptr, payload.length)[0]
                : call(callback, name, ptr, payload.length)[0];
        return (int) structPtr == 0 ? Optional.empty() : Optional.of(readResult((int) structPtr));
    }

    private String notFinished() {
        return guest.form == BridgeForm.OUT_POINTER ? "left {0, 0} at its out-pointer (not finished)"
                : "returned 0 (not finished)";
    }

    private void instantiate() throws GuestFault {
        List<HostFunction> imports = new ArrayList<>();
        imports.add(new HostFunction(BridgeGuest.ENV, BridgeGuest.GET, guest.getType, this::onGet));
        if (guest.usesGrowthNotice) {
            imports.add(new HostFunction(BridgeGuest.ENV, BridgeGuest.NOTIFY_GROWTH, BridgeGuest.NOTIFY_TYPE,
                    (inst, args) -> null));
        }
        if (guest.usesWasi) {
            wasi = new WasiPreview1(WasiOptions.builder().build());
            imports.addAll(wasi.functions(BridgeGuest.WASI));
        }
        try {
            instance = guest.module.instantiate(imports, limits);
        } catch (RuntimeException | VirtualMachineError e) {
            throw GuestCalls.translate(e, "the module's start function", watchdog);
        }
        memory = instance.memory() == null ? null : new GuestMemory(instance.memory());
        Optional<FunctionType> initialize = guest.shape.exportedFunction("_initialize");
        if (initialize.isPresent() && initialize.get().equals(BridgeGuest.INITIALIZE_TYPE)) {
            call(instance.function("_initialize"), "_initialize");
        }
    }

    private long[] call(WasmFunction function, String name, long... args) throws GuestFault {
        try {
            long[] result = GuestCalls.call(function, name, watchdog, args);
            return result.length == 0 ? new long[] {0} : result;
        } catch (GuestFault fault) {
            if (fault.kind() == Kind.TRAP && instance != null && cap.atCaseLimit(instance.memory())) {
                throw new GuestFault(Kind.MEMORY_LIMIT, fault.getMessage() + "; memory was at the case's limit of "
                        + MemoryCap.describe(cap.casePages()) + ", so a memory.grow beyond it failed (returned -1)"
                        + " before the trap", fault.getCause());
            }
            throw fault;
        }
    }

    // ---- get: runs on the calling thread, inside the guest ----

    private long[] onGet(WasmInstance inst, long[] args) {
        try {
            int number = ++gets;
            int handle;
            if (guest.form.payloadsInMemory()) {
                int ptr = (int) args[0];
                int len = (int) args[1];
                String what = "get #" + number + " (ptr=" + GuestMemory.u32(ptr) + ", len=" + GuestMemory.u32(len) + ")";
                byte[] argument = memory.read(ptr, len, what);
                checkOneValue(argument, what);
                handle = startGet(number, argument, ptr, len, args.length > 2 ? (int) args[2] : 0);
            } else {
                // The value form passes a number, or nothing: the operation's argument is that number, or nil.
                handle = startGet(number, BridgeValues.argument(args), 0, 0, 0);
            }
            return guest.form == BridgeForm.HANDLE ? new long[] {handle} : null;
        } catch (GuestFault fault) {
            throw new HostFunctionFault(fault);
        }
    }

    private int startGet(int number, byte[] argument, int ptr, int len, int out) throws GuestFault {
        GetBehaviour behaviour = settings.forGet(number).orElseThrow(() -> new GuestFault(Kind.PROTOCOL,
                "the guest called get " + number + " times but the case scripts " + settings.answers().size()
                        + (settings.answers().size() == 1 ? " answer" : " answers")));
        AsyncFunction function = null;
        if (behaviour instanceof GetBehaviour.Function f) {
            if (functions == null) {
                functions = AsyncFunctions.registered();
            }
            function = functions.get(f.name());
            if (function == null) {
                throw new GuestFault(Kind.HOST_ERROR, "get #" + number + " asks for the AsyncFunction '" + f.name()
                        + "', which is not registered; registered: "
                        + (functions.isEmpty() ? "none" : String.join(", ", functions.keySet())));
            }
        }
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        AsyncFunction chosen = function;
        Runnable begin = () -> begin(behaviour, chosen, argument, result);
        ScheduledFuture<?> timer = null;
        if (behaviour.delay().isZero()) {
            outstanding.put(number, new Pending(number, ptr, len, out, result, null));
            begin.run();
        } else {
            timer = SharedScheduler.get().schedule(begin, behaviour.delay().toNanos(), TimeUnit.NANOSECONDS);
            outstanding.put(number, new Pending(number, ptr, len, out, result, timer));
        }
        result.whenComplete((bytes, error) -> completions.add(new Completion(number, bytes, error)));
        return number;
    }

    /** Starts the operation; on the calling thread without delay, on a timer thread after one. */
    private static void begin(GetBehaviour behaviour, AsyncFunction function, byte[] argument,
            CompletableFuture<byte[]> result) {
        if (result.isDone()) {
            return;
        }
        if (behaviour instanceof GetBehaviour.Echo) {
            result.complete(argument);
        } else if (behaviour instanceof GetBehaviour.Resolve r) {
            result.complete(r.payload());
        } else if (behaviour instanceof GetBehaviour.Reject r) {
            result.completeExceptionally(new Rejected(r.message()));
        } else {
            try {
                Value value;
                try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(argument)) {
                    value = unpacker.unpackValue();
                }
                CompletionStage<Value> stage = function.apply(value);
                if (stage == null) {
                    result.completeExceptionally(new Rejected("AsyncFunction '" + function.name()
                            + "' returned no CompletionStage"));
                    return;
                }
                stage.whenComplete((v, error) -> {
                    if (error != null) {
                        result.completeExceptionally(error);
                    } else if (v == null) {
                        result.completeExceptionally(new Rejected("AsyncFunction '" + function.name()
                                + "' completed with null instead of a MessagePack value"));
                    } else {
                        try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
                            packer.packValue(v);
                            result.complete(packer.toByteArray());
                        } catch (IOException | RuntimeException e) {
                            result.completeExceptionally(e);
                        }
                    }
                });
            } catch (IOException | RuntimeException e) {
                result.completeExceptionally(e);
            }
        }
    }

    private static void checkOneValue(byte[] bytes, String what) throws GuestFault {
        String problem;
        try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(bytes)) {
            if (!unpacker.hasNext()) {
                problem = "no bytes at all";
            } else {
                unpacker.skipValue();
                long used = unpacker.getTotalReadBytes();
                problem = used == bytes.length ? null
                        : (bytes.length - used) + " bytes left over after a value of " + used + " bytes";
            }
        } catch (IOException | RuntimeException e) {
            problem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        if (problem != null) {
            throw new GuestFault(Kind.PROTOCOL, what + ": the bytes are not one MessagePack value (" + problem + ")");
        }
    }

    private GuestFault rejection(Completion done) {
        Throwable error = done.error();
        while ((error instanceof CompletionException || error instanceof java.util.concurrent.ExecutionException)
                && error.getCause() != null) {
            error = error.getCause();
        }
        if (error instanceof CancellationException) {
            return new GuestFault(Kind.HOST_ERROR, "get #" + done.number() + " was cancelled", error);
        }
        String message = error.getMessage() == null ? error.getClass().getName()
                : error instanceof Rejected ? error.getMessage() : error.getClass().getSimpleName() + ": " + error.getMessage();
        return new GuestFault(Kind.HOST_ERROR, "get #" + done.number() + " rejected: " + message, error);
    }

    private Completion awaitCompletion() throws GuestFault {
        try {
            Completion done = completions.poll(watchdog.remainingNanos(), TimeUnit.NANOSECONDS);
            if (done != null && !watchdog.fired()) {
                return done;
            }
        } catch (InterruptedException e) {
            if (!watchdog.fired()) {
                Thread.currentThread().interrupt();
                throw new GuestFault(Kind.HOST_ERROR, "interrupted while waiting for the guest's operations", e);
            }
        }
        throw new GuestFault(Kind.TIMEOUT, watchdog.timeoutMessage() + ": still waiting for "
                + outstanding.keySet().stream().map(n -> "get #" + n).collect(Collectors.joining(", ")));
    }

    // ---- placement ----

    private long[] placeInput(byte[] input) throws GuestFault {
        if (placement == Placement.FIXED_OFFSET) {
            checkFixed(FIXED_INPUT_OFFSET, input.length, "the input");
            memory.write(FIXED_INPUT_OFFSET, input, "the input");
            return new long[] {FIXED_INPUT_OFFSET, input.length};
        }
        if (input.length == 0) {
            return new long[] {0, 0};
        }
        return new long[] {allocate(input, "the input"), input.length};
    }

    private long placeAnswer(Pending pending, byte[] payload) throws GuestFault {
        String what = "the answer to get #" + pending.number();
        if (placement == Placement.FIXED_OFFSET) {
            long at = GuestMemory.u32(pending.ptr()) + GuestMemory.u32(pending.len());
            checkFixed(at, payload.length, what);
            memory.write((int) at, payload, what);
            return at;
        }
        return allocate(payload, what);
    }

    private long allocate(byte[] payload, String what) throws GuestFault {
        long[] r = call(instance.function(BridgeGuest.MALLOC), BridgeGuest.MALLOC, payload.length);
        int ptr = (int) r[0];
        if (ptr == 0) {
            throw new GuestFault(Kind.PROTOCOL, "malloc(" + payload.length + ") returned 0 when placing " + what);
        }
        memory.write(ptr, payload, "the block malloc(" + payload.length + ") returned for " + what);
        return GuestMemory.u32(ptr);
    }

    private void checkFixed(long at, long length, String what) throws GuestFault {
        memory.checkRange(at, length, "fixed-offset placement of " + what);
        Optional<DataRange> data = guest.shape.lowestActiveData();
        if (data.isPresent() && at < data.get().end() && data.get().offset() < at + length) {
            throw new GuestFault(Kind.PROTOCOL, "fixed-offset placement would write " + what + " (" + length
                    + " bytes) at " + at + ".." + (at + length) + ", over the module's data segment at "
                    + data.get().offset() + ".." + data.get().end()
                    + ": the seed's placement would corrupt the guest's data; export an allocator (malloc) and"
                    + " use placement: allocator");
        }
    }

    private byte[] readResult(int structPtr) throws GuestFault {
        long at = GuestMemory.u32(structPtr);
        String what = "callback returned " + at + " as its result, but the struct {u32 data; u32 len} at " + at;
        memory.checkRange(at, 8, what);
        long data = memory.readU32(structPtr, what);
        long len = memory.readU32(structPtr + 4, what);
        return readData(data, len, "the result struct at " + at);
    }

    private byte[] readData(long data, long len, String struct) throws GuestFault {
        memory.checkRange(data, len, struct + " points at data=" + data + ", len=" + len);
        return memory.raw().read((int) data, (int) len);
    }

    // ---- cleanup ----

    private String stdout() {
        return wasi == null ? "" : wasi.stdout();
    }

    private String stderr() {
        return wasi == null ? "" : wasi.stderr();
    }

    private GuestFault withStderr(GuestFault fault) {
        String err = stderr().strip();
        if (err.isEmpty()) {
            return fault;
        }
        if (err.length() > 2000) {
            err = "..." + err.substring(err.length() - 2000);
        }
        GuestFault withOutput = new GuestFault(fault.kind(), fault.getMessage() + " [guest stderr: " + err + "]",
                fault.getCause());
        withOutput.setStackTrace(fault.getStackTrace());
        return withOutput;
    }

    @Override
    public void close() {
        for (Pending p : outstanding.values()) {
            if (p.timer() != null) {
                p.timer().cancel(false);
            }
            p.result().cancel(false);
        }
        outstanding.clear();
        completions.clear();
        watchdog.close();
    }
}
