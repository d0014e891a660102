package dev.wasmtck;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Collects the warnings a class logs through {@code System.Logger} (which goes to java.util.logging
 * here), so tests can check that a problem is reported, and reported once.
 */
public final class LoggedWarnings extends Handler {
    private final Logger logger;
    private final List<String> messages = new CopyOnWriteArrayList<>();

    private LoggedWarnings(Class<?> source) {
        this.logger = Logger.getLogger(source.getName());   // held, so the handler stays attached
    }

    /** Starts collecting; {@link #close} stops. */
    public static LoggedWarnings of(Class<?> source) {
        LoggedWarnings w = new LoggedWarnings(source);
        w.logger.addHandler(w);
        return w;
    }

    /** The formatted warnings so far; tests may clear it between steps. */
    public List<String> messages() {
        return messages;
    }

    @Override
    public void publish(LogRecord r) {
        if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
            messages.add(new SimpleFormatter().formatMessage(r));
        }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
