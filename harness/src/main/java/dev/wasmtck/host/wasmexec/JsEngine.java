package dev.wasmtck.host.wasmexec;

import org.mozilla.javascript.Context;
import org.mozilla.javascript.ContextFactory;

/**
 * The Rhino configuration every JS world runs under: ES6 semantics, the interpreter (no class
 * generation per snippet, and the only mode that can count instructions), no access to Java classes,
 * and a check for the case's time limit every few thousand instructions so that a runaway
 * {@code eval} stops like runaway wasm does.
 */
final class JsEngine extends ContextFactory {
    static final JsEngine INSTANCE = new JsEngine();

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
        cx.setInstructionObserverThreshold(20_000);
        return cx;
    }

    @Override
    protected void observeInstructionCount(Context cx, int instructionCount) {
        if (Thread.currentThread().isInterrupted()) {
            throw new Interrupted();
        }
    }

    /** Enters a context on the current thread; close it on the same thread. */
    static Context open() {
        return INSTANCE.enterContext();
    }
}
