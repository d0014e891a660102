package dev.wasmtck.internal.engine.config;

/**
 * A configuration value the kit cannot use, named with its key. Discovery reports it as a critical
 * discovery issue, so the run stops with this message instead of a stack trace.
 */
public final class ConfigurationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
        super(message);
    }
}
