package dev.wasmtck.internal.host.wapc;

import dev.wasmtck.abi.wapc.HostCalls;
import dev.wasmtck.abi.wapc.WapcSettings;
import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.runtime.GuestFault.Kind;
import dev.wasmtck.host.Invocation;
import dev.wasmtck.runtime.Limits;
import dev.wasmtck.host.Outcome;
import dev.wasmtck.runtime.CompiledModule;
import dev.wasmtck.module.FunctionType;
import dev.wasmtck.internal.runtime.GuestCalls;
import dev.wasmtck.internal.runtime.GuestMemory;
import dev.wasmtck.runtime.HostFunction;
import dev.wasmtck.internal.runtime.HostFunctionFault;
import dev.wasmtck.module.ModuleShape;
import dev.wasmtck.runtime.WasmFunction;
import dev.wasmtck.runtime.WasmInstance;
import dev.wasmtck.internal.runtime.Watchdog;
import dev.wasmtck.internal.runtime.WasiExit;
import dev.wasmtck.internal.runtime.wasi.WasiOptions;
import dev.wasmtck.internal.runtime.wasi.WasiPreview1;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One waPC case on a fresh instance (or, pooled, one instance serving call after call): initialise,
 * then {@code __guest_call(op_len, payload_len)}, with the guest pulling the operation and payload
 * through {@code __guest_request} and answering through {@code __guest_response} or
 * {@code __guest_error}. The error-semantics choices are documented in
 * docs/abi-wapc.md; in short they follow the majority of wapc-go, wapc-rs and wapc-js.
 */
final class WapcRun {
    private static final byte[] NEWLINE = {'\n'};
    private final CompiledModule module;
    private final Invocation invocation;
    private final Limits limits;
    private final WasiPreview1 wasi = new WasiPreview1(WasiOptions.builder().withArguments(List.of("guest")).build());
    private HostCalls hostCalls;
    private Watchdog watchdog;
    private WasmInstance instance;
    /** {@code __guest_call}, looked up at the first call: a pooled instance serves many. */
    private WasmFunction guestCall;
    private GuestMemory memory;
    private byte[] operation = new byte[0];
    private byte[] payload = new byte[0];
    private byte[] response;
    private String guestError;
    private byte[] hostResponse;
    private byte[] hostError;

    WapcRun(CompiledModule module, Invocation invocation) {
        this(module, invocation, new HostCalls(invocation.settings(WapcSettings.class).orElse(WapcSettings.DEFAULT)));
    }

    /** With {@code hostCalls} shared with the other instances of a pool (its barriers). */
    WapcRun(CompiledModule module, Invocation invocation, HostCalls hostCalls) {
        this.module = module;
        this.invocation = invocation;
        this.limits = invocation.limits();
        this.hostCalls = hostCalls;
    }

    Outcome run() throws GuestFault {
        try (Watchdog w = Watchdog.forInitialisation(limits)) {
            open(w);
            w.beginCall(limits);
            return call(invocation.function(), invocation.input());
        }
    }

    /** Instantiates and initialises under {@code w}; the instance then serves {@link #pooledCall}s. */
    void open(Watchdog w) throws GuestFault {
        this.watchdog = w;
        instantiate();
        initialise();
    }

    /**
     * One call of a pooled instance under {@code w}: the outcome reports this call's output, stdout,
     * stderr and host calls only.
     */
    Outcome pooledCall(Watchdog w, String op, byte[] input) throws GuestFault {
        this.watchdog = w;
        wasi.resetOutput();
        hostCalls = hostCalls.fresh();
        hostResponse = null;
        hostError = null;
        return call(op, input);
    }

    private Outcome call(String op, byte[] input) throws GuestFault {
        operation = op.getBytes(StandardCharsets.UTF_8);
        payload = input;
        response = null;
        guestError = null;
        long ok;
        try {
            if (guestCall == null) {
                guestCall = instance.function("__guest_call");
            }
            ok = GuestCalls.call(guestCall, "__guest_call(\"" + op + "\")", watchdog,
                    operation.length, payload.length)[0];
        } catch (GuestFault f) {
            if (f.kind() == Kind.TRAP && guestError != null) {
                throw new GuestFault(Kind.TRAP, f.getMessage() + " (the guest had reported the error \""
                        + guestError + "\" before trapping; a trap wins)", f.getCause());
            }
            throw f;
        }
        if (ok != 1) {
            throw new GuestFault(Kind.GUEST_ERROR, guestError != null ? guestError
                    : "call to \"" + op + "\" was unsuccessful");
        }
        if (response == null) {
            throw new GuestFault(Kind.PROTOCOL, "__guest_call(\"" + op + "\") returned 1 (success) but the guest"
                    + " never called __guest_response" + (guestError != null ? "; it reported \"" + guestError
                    + "\" instead" : ""));
        }
        return new Outcome(response, wasi.stdout(), wasi.stderr(), null, java.util.Map.of(), hostCalls.encoded());
    }

    private void instantiate() throws GuestFault {
        List<HostFunction> imports = new ArrayList<>();
        boolean usesWasi = false;
        for (ModuleShape.Import f : module.shape().functionImports()) {
            if (f.module().equals(WapcHost.WAPC)) {
                imports.add(new HostFunction(f.module(), f.name(), f.type(), wapc(f.name())));
            } else if (f.module().equals("env")) {
                imports.add(new HostFunction("env", "abort", f.type(), (inst, args) -> {
                    throw new HostFunctionFault(new GuestFault(Kind.TRAP, "the guest called env.abort"));
                }));
            } else {
                usesWasi = true;
            }
        }
        if (usesWasi) {
            imports.addAll(wasi.functions(WasiPreview1.MODULE));
            // Old TinyGo builds import the same functions under their preview0 module name.
            imports.addAll(wasi.functions(WasiPreview1.UNSTABLE));
        }
        try {
            instance = module.instantiate(imports, limits);
        } catch (RuntimeException | VirtualMachineError e) {
            throw GuestCalls.translate(e, "instantiation", watchdog);
        }
        memory = new GuestMemory(instance.memory());
    }

    /**
     * The exports a waPC host calls, in order, before the first call, when the module has them: as
     * wapc-go does. TinyGo's {@code -target wasm} builds start with {@code _start}, its
     * {@code -buildmode=c-shared} ones with {@code _initialize}, and both then register their
     * operations in {@code wapc_init} where they export it.
     */
    static final List<String> INIT = List.of("_start", "_initialize", "wapc_init");

    /** {@link #INIT}; a WASI exit with code 0 during {@code _start} is how TinyGo ends it. */
    private void initialise() throws GuestFault {
        for (String name : INIT) {
            Optional<FunctionType> type = module.shape().exportedFunction(name);
            if (type.isEmpty() || !type.get().params().isEmpty()) {
                continue;
            }
            try {
                GuestCalls.call(instance.function(name), name, watchdog);
            } catch (GuestFault f) {
                if (f.kind() == Kind.EXIT && exitCode(f) == 0) {
                    continue;
                }
                throw f;
            }
        }
    }

    private static int exitCode(GuestFault f) {
        return GuestCalls.causeOf(f.getCause(), WasiExit.class).map(WasiExit::exitCode).orElse(-1);
    }

    private HostFunction.Implementation wapc(String name) {
        return (inst, args) -> {
            try {
                return wapcCall(name, args);
            } catch (GuestFault f) {
                throw new HostFunctionFault(f);
            }
        };
    }

    private long[] wapcCall(String name, long[] args) throws GuestFault {
        switch (name) {
            case "__guest_request" -> {
                memory.write((int) args[0], operation, "__guest_request operation");
                memory.write((int) args[1], payload, "__guest_request payload");
                return null;
            }
            case "__guest_response" -> {
                response = memory.read((int) args[0], (int) args[1], "__guest_response");
                return null;
            }
            case "__guest_error" -> {
                guestError = new String(memory.read((int) args[0], (int) args[1], "__guest_error"), StandardCharsets.UTF_8);
                return null;
            }
            case "__host_call" -> {
                String binding = utf8(args[0], args[1], "__host_call binding");
                String namespace = utf8(args[2], args[3], "__host_call namespace");
                String op = utf8(args[4], args[5], "__host_call operation");
                byte[] data = memory.read((int) args[6], (int) args[7], "__host_call payload");
                HostCalls.Answer answer = hostCalls.answer(binding, namespace, op, data);
                hostResponse = answer.response();
                hostError = answer.error();
                return new long[] {answer.error() == null ? 1 : 0};
            }
            case "__host_response_len" -> {
                return new long[] {hostResponse == null ? 0 : hostResponse.length};
            }
            case "__host_response" -> {
                if (hostResponse != null) {
                    memory.write((int) args[0], hostResponse, "__host_response");
                }
                return null;
            }
            case "__host_error_len" -> {
                return new long[] {hostError == null ? 0 : hostError.length};
            }
            case "__host_error" -> {
                if (hostError != null) {
                    memory.write((int) args[0], hostError, "__host_error");
                }
                return null;
            }
            case "__console_log" -> {
                byte[] line = memory.read((int) args[0], (int) args[1], "__console_log");
                // Into the same captured stdout as fd_write, so the two interleave as the guest wrote them.
                wasi.write(1, line);
                wasi.write(1, NEWLINE);
                return null;
            }
            default -> throw new GuestFault(Kind.LINK, "no waPC function " + name);
        }
    }

    private String utf8(long ptr, long len, String what) throws GuestFault {
        return new String(memory.read((int) ptr, (int) len, what), StandardCharsets.UTF_8);
    }
}
