package dev.wasmtck.suite;

import dev.wasmtck.abi.wapc.JavaHostCallHandler;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectClasspathResource;
import org.junit.platform.suite.api.Suite;

/**
 * waPC host-call handlers written in Java, registered through ServiceLoader as a plugin repository
 * would, and named by the case file host-call-handlers/java-handlers.yaml.
 */
@Suite
@IncludeEngines("wasm-conformance")
@SelectClasspathResource("host-call-handlers")
class JavaHostCallHandlersTest {

    /** {@code shout}: the payload upper-cased; an empty payload is refused. */
    public static final class Shout implements JavaHostCallHandler {
        @Override
        public String name() {
            return "shout";
        }

        @Override
        public byte[] call(String binding, String namespace, String operation, byte[] payload) {
            if (payload.length == 0) {
                throw new IllegalArgumentException("nothing to shout");
            }
            return new String(payload, StandardCharsets.UTF_8).toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        }
    }

    /** {@code refuse}: every call fails, with a non-ASCII message. */
    public static final class Refuse implements JavaHostCallHandler {
        @Override
        public String name() {
            return "refuse";
        }

        @Override
        public byte[] call(String binding, String namespace, String operation, byte[] payload) throws Exception {
            throw new Exception("refusé par Java ✓");
        }
    }

    /** {@code describe-call}: answers "binding/namespace/operation: payload". */
    public static final class DescribeCall implements JavaHostCallHandler {
        @Override
        public String name() {
            return "describe-call";
        }

        @Override
        public byte[] call(String binding, String namespace, String operation, byte[] payload) {
            return (binding + "/" + namespace + "/" + operation + ": " + new String(payload, StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8);
        }
    }
}
