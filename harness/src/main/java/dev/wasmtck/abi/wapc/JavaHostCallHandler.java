package dev.wasmtck.abi.wapc;

import org.apiguardian.api.API;

/**
 * A waPC host-call handler written in Java. Plugin repositories register implementations with
 * {@link java.util.ServiceLoader} (a line in
 * {@code META-INF/services/dev.wasmtck.abi.wapc.JavaHostCallHandler}); a case uses one by name as
 * the answer of a handler rule: {@code host: {handlers: [{namespace: kv, operation: get, java: kv-get}]}}.
 * An unknown name fails the case file at that line.
 *
 * <p>The same instance serves every case and, in concurrent cases, several guest instances at once,
 * so it must be thread-safe and should keep no state between calls.
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface JavaHostCallHandler {

    /** The name cases refer to it by. */
    String name();

    /**
     * Answers one host call. The returned bytes (null: empty) are the host response; an exception
     * fails the host call ({@code __host_call} returns 0) with the exception's message as the host
     * error the guest reads, so write messages for the guest.
     */
    byte[] call(String binding, String namespace, String operation, byte[] payload) throws Exception;
}
