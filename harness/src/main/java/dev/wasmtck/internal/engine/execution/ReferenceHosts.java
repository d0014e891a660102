package dev.wasmtck.internal.engine.execution;

import dev.wasmtck.host.Host;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The hosts a case's {@code same-as} may name: the run's own hosts, and any other host the class path
 * provides or the configuration declares (an adapter), created only when a case first names it, so
 * a reference need not be a row of the run's matrix.
 */
public final class ReferenceHosts {
    private final Map<String, Supplier<Host>> hosts;

    private ReferenceHosts(Map<String, Supplier<Host>> hosts) {
        this.hosts = hosts;
    }

    public static ReferenceHosts none() {
        return new ReferenceHosts(Map.of());
    }

    /** Collects hosts by id; a run's own host ({@link #add}) stands before any other of its id. */
    public static final class Builder {
        private final Map<String, Supplier<Host>> hosts = new LinkedHashMap<>();

        public Builder add(Host host) {
            hosts.put(host.id(), () -> host);
            return this;
        }

        public Builder addLazily(String id, Supplier<Host> create) {
            hosts.putIfAbsent(id, memoized(create));
            return this;
        }

        public ReferenceHosts build() {
            return new ReferenceHosts(Map.copyOf(hosts));
        }
    }

    public Optional<Host> find(String id) {
        Supplier<Host> host = hosts.get(id);
        return host == null ? Optional.empty() : Optional.of(host.get());
    }

    public Set<String> ids() {
        return hosts.keySet();
    }

    private static Supplier<Host> memoized(Supplier<Host> create) {
        return new Supplier<>() {
            private Host host;

            @Override
            public synchronized Host get() {
                if (host == null) {
                    host = create.get();
                }
                return host;
            }
        };
    }
}
