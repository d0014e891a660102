package dev.wasmtck.abi.wapc;

import org.apiguardian.api.API;
import dev.wasmtck.internal.host.ReplyTemplate;
import java.util.List;

/**
 * How the host answers one kind of {@code __host_call}: a rule from a case's {@code host.handlers}
 * (match on binding, namespace and operation; null matches anything), answering with bytes, an
 * error message, the payload echoed, a {@link ReplyTemplate} filled from the call, or a
 * {@link JavaHostCallHandler}.
 *
 * @param barrier when above 1, a matching call is answered only once this many calls wait at the
 *     rule at the same time (a concurrent case's proof that calls overlap); 0 otherwise
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record HostCallHandler(String binding, String namespace, String operation, byte[] response, String error,
        boolean echo, JavaHostCallHandler java, int barrier, ReplyTemplate template) {

    /** What a template may name: the call's payload and the names it was made under. */
    public static final List<String> TEMPLATE_FIELDS = List.of("payload", "operation", "namespace", "binding");

    public HostCallHandler(String binding, String namespace, String operation, byte[] response, String error,
            boolean echo) {
        this(binding, namespace, operation, response, error, echo, null, 0);
    }

    public HostCallHandler(String binding, String namespace, String operation, byte[] response, String error,
            boolean echo, JavaHostCallHandler java, int barrier) {
        this(binding, namespace, operation, response, error, echo, java, barrier, null);
    }

    boolean matches(String b, String ns, String op) {
        return (binding == null || binding.equals(b)) && (namespace == null || namespace.equals(ns))
                && (operation == null || operation.equals(op));
    }
}
