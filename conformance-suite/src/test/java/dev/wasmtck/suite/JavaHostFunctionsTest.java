package dev.wasmtck.suite;

import dev.wasmtck.abi.wasmexec.JsHostFunction;
import java.util.List;
import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectClasspathResource;
import org.junit.platform.suite.api.Suite;

/**
 * Host functions written in Java, registered through ServiceLoader as a plugin repository would,
 * and called by a Go guest as JS globals (host-functions/java-functions.yaml).
 */
@Suite
@IncludeEngines("wasm-conformance")
@SelectClasspathResource("host-functions")
// A guest conformance run (-Dwasm.conformance.guest=...) belongs to ConformanceSuiteTest alone.
@ConfigurationParameter(key = "wasm.conformance.guest", value = "")
class JavaHostFunctionsTest {

    /** {@code hostGreet(name)}: a string from Java. */
    public static final class Greet implements JsHostFunction {
        @Override
        public String name() {
            return "hostGreet";
        }

        @Override
        public Object call(List<Object> args) {
            return "Hello from Java, " + args.get(0) + "!";
        }
    }

    /** {@code hostAdd(a, b)}: numbers arrive as Long (integral) or Double. */
    public static final class Add implements JsHostFunction {
        @Override
        public String name() {
            return "hostAdd";
        }

        @Override
        public Object call(List<Object> args) {
            return ((Number) args.get(0)).longValue() + ((Number) args.get(1)).longValue();
        }
    }

    /** {@code hostFail()}: a Java exception reaches the guest as a thrown JS Error. */
    public static final class Fail implements JsHostFunction {
        @Override
        public String name() {
            return "hostFail";
        }

        @Override
        public Object call(List<Object> args) {
            throw new IllegalStateException("refused by Java");
        }
    }
}
