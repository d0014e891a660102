package dev.wasmtck.abi.bridge;

import org.apiguardian.api.API;
import java.util.concurrent.CompletionStage;
import org.msgpack.value.Value;

/**
 * A named asynchronous operation a case can plug behind the guest's {@code get} with
 * {@code get: {function: <name>}}. Plugin repositories register implementations in
 * {@code META-INF/services/dev.wasmtck.abi.bridge.AsyncFunction}; the host finds them with
 * {@link java.util.ServiceLoader} when a case runs.
 *
 * <p>{@link #apply} is called with the decoded MessagePack value the guest passed to {@code get}. It
 * should return quickly and complete the stage later, on any thread; the host encodes the value the
 * stage completes with and hands it to the guest's {@code callback}. Completing exceptionally makes
 * the case fail with a {@code HOST_ERROR}.
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface AsyncFunction {

    /** The name cases use. */
    String name();

    CompletionStage<Value> apply(Value argument);
}
