package dev.wasmtck.cli;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What reaches the console besides the command's own output. Quiet by default: Testcontainers and
 * docker-java log every probe and pull (and quote a daemon's 500 as raw JSON), which is noise when a
 * case already reports, in one sentence, why it was aborted. {@code --verbose} lets all of it through.
 */
final class Logging {
    private static final String SLF4J = "org.slf4j.simpleLogger.";
    private static final String[] CHATTY = {"org.testcontainers", "tc", "com.github.dockerjava"};

    private static volatile boolean verbose;

    private Logging() {}

    static boolean verbose() {
        return verbose;
    }

    /** Must run before the first logger is created: slf4j-simple reads its settings once. */
    static void configure(boolean on) {
        verbose = on;
        System.setProperty(SLF4J + "logFile", "System.err");
        System.setProperty(SLF4J + "defaultLogLevel", on ? "info" : "warn");
        for (String name : CHATTY) {
            System.setProperty(SLF4J + "log." + name, on ? "info" : "off");
        }
        // The kit's own messages (guest builds, cache hits) and JUnit's go through java.util.logging.
        Logger.getLogger("").setLevel(on ? Level.INFO : Level.WARNING);
    }
}
