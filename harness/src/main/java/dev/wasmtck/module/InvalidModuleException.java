package dev.wasmtck.module;

import org.apiguardian.api.API;

/** The bytes handed to {@link ModuleReader} are not a WebAssembly binary it understands; the message says why. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class InvalidModuleException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidModuleException(String message, Throwable cause) {
        super(message, cause);
    }
}
