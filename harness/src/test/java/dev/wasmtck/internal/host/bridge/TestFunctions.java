package dev.wasmtck.internal.host.bridge;

import dev.wasmtck.abi.bridge.AsyncFunction;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.msgpack.value.Value;
import org.msgpack.value.ValueFactory;

/** AsyncFunctions registered for the tests through META-INF/services in the test resources. */
final class TestFunctions {
    private TestFunctions() {}

    /** Completes later, on another thread, with {"wrapped": argument}. */
    public static final class Wrap implements AsyncFunction {
        @Override
        public String name() {
            return "test-wrap";
        }

        @Override
        public CompletionStage<Value> apply(Value argument) {
            return CompletableFuture.supplyAsync(
                    () -> ValueFactory.newMap(ValueFactory.newString("wrapped"), argument),
                    CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS));
        }
    }

    /** Always fails. */
    public static final class Fail implements AsyncFunction {
        @Override
        public String name() {
            return "test-fail";
        }

        @Override
        public CompletionStage<Value> apply(Value argument) {
            return CompletableFuture.failedFuture(new IllegalStateException("backend unavailable"));
        }
    }
}
