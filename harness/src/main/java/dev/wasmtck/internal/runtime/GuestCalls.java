package dev.wasmtck.internal.runtime;

import dev.wasmtck.runtime.WasmFunction;
import dev.wasmtck.runtime.WasmInterrupted;
import dev.wasmtck.runtime.WasmTrap;
import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.runtime.GuestFault.Kind;
import java.util.Optional;

/**
 * Calls into a guest and turns whatever escapes into a {@link GuestFault} that says which export was
 * running: a fault raised by one of our host functions, a timeout, a WASI exit, or a trap.
 */
public final class GuestCalls {
    private GuestCalls() {}

    /** Calls {@code function} (exported as {@code export}) under {@code watchdog}. */
    public static long[] call(WasmFunction function, String export, Watchdog watchdog, long... args)
            throws GuestFault {
        if (watchdog.fired()) {
            throw new GuestFault(Kind.TIMEOUT, watchdog.timeoutMessage() + " (before calling " + export + ")");
        }
        try {
            return function.call(args);
        } catch (RuntimeException | VirtualMachineError e) {
            throw translate(e, export, watchdog);
        }
    }

    /** Maps an exception thrown while {@code export} ran to a fault. */
    public static GuestFault translate(Throwable thrown, String export, Watchdog watchdog) {
        Optional<HostFunctionFault> hostFault = causeOf(thrown, HostFunctionFault.class);
        if (hostFault.isPresent()) {
            return hostFault.get().fault();
        }
        if (watchdog != null && watchdog.fired()) {
            return new GuestFault(Kind.TIMEOUT, watchdog.timeoutMessage() + " (stopped while running " + export + ")",
                    thrown);
        }
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof WasiExit exit) {
                return new GuestFault(Kind.EXIT, "the guest exited with code " + exit.exitCode()
                        + " (WASI proc_exit) while running " + export + " instead of answering", thrown);
            }
            if (t instanceof WasmInterrupted) {
                return new GuestFault(Kind.TIMEOUT, "interrupted while running " + export, thrown);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        if (thrown instanceof VirtualMachineError error) {
            return fromError(error, "in " + export);
        }
        if (thrown instanceof WasmTrap) {
            return new GuestFault(Kind.TRAP, "trap in " + export + ": " + message(thrown), thrown);
        }
        return new GuestFault(Kind.HOST_ERROR, "the host failed while running " + export + ": " + thrown, thrown);
    }

    /**
     * A fault for an {@link Error} the JVM raised while a guest ran ({@code where}: "in run"), so that it
     * fails that case and no other: an exhausted heap is the guest's {@code memory-limit}, an exhausted
     * stack a {@code trap}, anything else a {@code host-error} that names the error.
     */
    public static GuestFault fromError(Error error, String where) {
        if (error instanceof OutOfMemoryError) {
            return new GuestFault(Kind.MEMORY_LIMIT, "the Java heap ran out " + where + " (" + message(error)
                    + "; the JVM's maximum heap is " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB)", error);
        }
        if (error instanceof StackOverflowError) {
            return new GuestFault(Kind.TRAP, "trap " + where + ": call stack exhausted", error);
        }
        return new GuestFault(Kind.HOST_ERROR, "the host failed " + where + ": " + error, error);
    }

    /**
     * The first throwable of {@code type} in {@code thrown}'s cause chain, {@code thrown} included:
     * what a host function threw arrives wrapped by the runtime and by Rhino.
     */
    public static <T extends Throwable> Optional<T> causeOf(Throwable thrown, Class<T> type) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }

    private static String message(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }
}
