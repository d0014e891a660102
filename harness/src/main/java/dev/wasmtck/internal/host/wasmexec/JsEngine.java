package dev.wasmtck.internal.host.wasmexec;

import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.internal.runtime.HostFunctionFault;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.ContextFactory;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.debug.DebugFrame;
import org.mozilla.javascript.debug.DebuggableScript;
import org.mozilla.javascript.debug.Debugger;

/**
 * The Rhino configuration every JS world runs under: ES6 semantics, the interpreter (no class
 * generation per snippet, and the only mode that can count instructions), no access to Java classes,
 * and a check for the case's time limit every few thousand instructions so that a runaway
 * {@code eval} stops like runaway wasm does.
 */
final class JsEngine extends ContextFactory {
    static final JsEngine INSTANCE = new JsEngine();
    /** JS frames one script may nest (node allows about 11,000 with its default stack). */
    static final int MAX_STACK_DEPTH = 10_000;
    /** JVM frames a thread may hold while it runs JS; Go's own wasm frames stay far below this. */
    static final int MAX_JVM_FRAMES = 50_000;
    /** Instructions between two checks of the limits, unless {@link AllocationWatch} asks for one sooner. */
    static final int CHECK_EVERY = 20_000;

    /** Thrown into a running script when the guest thread was interrupted (time limit). */
    static final class Interrupted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Interrupted() {
            super("JavaScript interrupted: time limit", null, false, false);
        }
    }

    private JsEngine() {}

    @Override
    protected boolean hasFeature(Context cx, int featureIndex) {
        return switch (featureIndex) {
            case Context.FEATURE_E4X -> false;
            default -> super.hasFeature(cx, featureIndex);
        };
    }

    @Override
    protected Context makeContext() {
        Context cx = super.makeContext();
        cx.setLanguageVersion(Context.VERSION_ES6);
        cx.setInterpretedMode(true);
        cx.setClassShutter(className -> false);
        cx.setInstructionObserverThreshold(CHECK_EVERY);
        // The interpreter keeps JS frames on the heap: unbounded recursion would fill the heap, not the stack.
        cx.setMaximumInterpreterStackDepth(MAX_STACK_DEPTH);
        cx.setDebugger(new CallWatch(), null);
        return cx;
    }

    @Override
    protected void observeInstructionCount(Context cx, int instructionCount) {
        checkLimits(cx);
    }

    /**
     * The time limit and the JVM stack, checked every few thousand instructions and on every JS function
     * entry ({@link CallWatch}): recursion through built-ins ({@code [0].forEach(f)} inside {@code f})
     * executes too few instructions between calls for the observer, and nests on the JVM stack, which
     * the interpreter's depth limit does not see; on a guest thread's deep stack it would keep the
     * collector scanning for minutes before overflowing. The walk stops at the bound, so it is cheap.
     */
    private static void checkLimits(Context cx) {
        cx.setInstructionObserverThreshold(CHECK_EVERY);
        if (Thread.currentThread().isInterrupted()) {
            throw new Interrupted();
        }
        if (StackWalker.getInstance().walk(frames -> frames.limit(MAX_JVM_FRAMES + 1).count()) > MAX_JVM_FRAMES) {
            throw new HostFunctionFault(new GuestFault(GuestFault.Kind.TRAP, "JavaScript recursion too deep: more"
                    + " than " + MAX_JVM_FRAMES + " JVM frames (JavaScript calling itself through built-in functions)"));
        }
        JsBounds bounds = JsBounds.of(cx);
        if (bounds != null && cx.getDebugger() instanceof CallWatch watch) {
            bounds.checkWorld(watch.active);
        }
    }

    /**
     * Sees every JS function entry and exit: counts the JS functions active on this context, however
     * they nest (inline in the interpreter or through built-ins), checks the interrupt flag on each entry
     * and the JVM stack every 256th.
     */
    private static final class CallWatch implements Debugger, DebugFrame {
        private int calls;
        private int depth;
        /** The scope, {@code this} and arguments of each JS function running now: what its locals hang off. */
        private final java.util.ArrayDeque<Object> active = new java.util.ArrayDeque<>();

        @Override
        public DebugFrame getFrame(Context cx, DebuggableScript fnOrScript) {
            return this;
        }

        @Override
        public void onEnter(Context cx, Scriptable activation, Scriptable thisObj, Object[] args) {
            if (++depth > MAX_STACK_DEPTH) {
                depth = 0;
                active.clear();
                throw new HostFunctionFault(new GuestFault(GuestFault.Kind.TRAP, "JavaScript recursion too deep:"
                        + " more than " + MAX_STACK_DEPTH + " nested calls"));
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new Interrupted();
            }
            active.push(new Object[] {activation, thisObj, args});
            if ((++calls & 0xFF) == 0) {
                checkLimits(cx);
            }
        }

        @Override
        public void onExit(Context cx, boolean byThrow, Object resultOrException) {
            if (depth > 0) {
                depth--;
            }
            active.poll();
        }
    }

    /** Enters a context on the current thread; close it on the same thread. */
    static Context open() {
        return INSTANCE.enterContext();
    }
}
