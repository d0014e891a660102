package dev.wasmtck.host.wasmexec;

import dev.wasmtck.host.GuestFault;
import dev.wasmtck.host.Limits;
import dev.wasmtck.runtime.CompiledModule;
import dev.wasmtck.runtime.LinearMemory;
import java.util.List;
import java.util.Map;

/**
 * A Go program living in a {@link JsWorld}, whichever compiler built it: {@link GoInstance} for Go's
 * own js/wasm port (stack-pointer imports), {@link TinyGoInstance} for TinyGo's {@code -target wasm}
 * (ordinary wasm parameters and WASI). {@link GoProgram} drives either through this. An abstract
 * class rather than an interface so that the methods stay package-private.
 */
abstract class JsGuest {
    /** Instantiates the module with this program's imports. */
    abstract void instantiate(CompiledModule module, Limits limits) throws GuestFault;

    /** Starts the program with its command line and environment; returns when it blocks or exits. */
    abstract void run(List<String> argv, Map<String, String> env) throws GuestFault;

    /** Runs due timers and promise jobs until nothing is scheduled or the program exited. */
    abstract void settle() throws InterruptedException;

    /** The program is blocked with nothing scheduled and nothing to call: let it report that its own way. */
    abstract void reportDeadlock();

    abstract boolean exited();

    abstract int exitCode();

    /** The instance's memory, or null before instantiation. */
    abstract LinearMemory memory();
}
