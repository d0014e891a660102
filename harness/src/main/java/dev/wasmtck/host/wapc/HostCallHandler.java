package dev.wasmtck.host.wapc;

/**
 * How the host answers one kind of {@code __host_call}: a rule from a case's {@code host.handlers}
 * (match on binding, namespace and operation; null matches anything), answering with bytes or an
 * error message, or echoing the payload.
 */
public record HostCallHandler(String binding, String namespace, String operation, byte[] response, String error,
        boolean echo) {

    boolean matches(String b, String ns, String op) {
        return (binding == null || binding.equals(b)) && (namespace == null || namespace.equals(ns))
                && (operation == null || operation.equals(op));
    }
}
