package dev.wasmtck.abi.wasmexec;

import org.apiguardian.api.API;
import java.util.List;

/**
 * A host function written in Java that Go guests call as a JS global function. Plugin repositories
 * register implementations with {@link java.util.ServiceLoader} (a line in
 * {@code META-INF/services/dev.wasmtck.abi.wasmexec.JsHostFunction}); a case installs them by name
 * ({@code host: {functions: [name]}}) before {@code main} runs.
 *
 * <p>Arguments and the result are plain Java values: null, Boolean, Long or Double, String,
 * {@code byte[]} (a Uint8Array), List, Map and Instant (a Date). An exception becomes a JS
 * {@code Error} thrown to the caller, which Go sees as a {@code js.Error} panic.
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface JsHostFunction {

    /** The global name the function is installed under. */
    String name();

    /** Runs on the guest's thread; keep it quick, the guest waits. */
    Object call(List<Object> args) throws Exception;
}
