package dev.wasmtck.module;

/** The bytes handed to {@link ModuleReader} are not a WebAssembly binary it understands; the message says why. */
public final class InvalidModuleException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidModuleException(String message, Throwable cause) {
        super(message, cause);
    }
}
