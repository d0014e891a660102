package dev.wasmtck.internal.engine.discovery;

import dev.wasmtck.Constants;
import dev.wasmtck.internal.engine.config.ConfigurationException;
import dev.wasmtck.internal.engine.config.KitConfig;
import dev.wasmtck.internal.engine.execution.ReferenceHosts;
import dev.wasmtck.host.Abi;
import dev.wasmtck.host.Host;
import dev.wasmtck.host.HostProvider;
import dev.wasmtck.internal.host.external.AdapterSpec;
import dev.wasmtck.internal.host.external.ExternalHost;
import dev.wasmtck.internal.host.external.ExternalHosts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The ABIs and hosts available to this run, found with ServiceLoader and filtered by configuration;
 * {@code references} are all of them, selected or not, for cases that compare with a host ({@code same-as}).
 */
public record Catalog(Map<String, Abi<?>> abis, List<Host> hosts, ReferenceHosts references) {

    public static Catalog load(KitConfig config, ClassLoader loader) {
        Map<String, Abi<?>> abis = new LinkedHashMap<>();
        for (Abi<?> abi : ServiceLoader.load(Abi.class, loader)) {
            abis.putIfAbsent(abi.name(), abi);
        }
        List<Host> hosts = new ArrayList<>();
        List<String> available = new ArrayList<>();
        ReferenceHosts.Builder references = new ReferenceHosts.Builder();
        for (HostProvider provider : ServiceLoader.load(HostProvider.class, loader)) {
            available.add(provider.id());
            if (config.hosts().isEmpty() || config.hosts().contains(provider.id())) {
                hosts.add(provider.create(config::get));
            } else {
                references.addLazily(provider.id(), () -> provider.create(config::get));
            }
        }
        // Hosts in other processes, declared by file (docs/host-protocol.md), beside the ServiceLoader ones.
        for (AdapterSpec spec : ExternalHosts.declared(config::get)) {
            available.add(spec.id());
            if (config.hosts().isEmpty() || config.hosts().contains(spec.id())) {
                hosts.add(new ExternalHost(spec));
            } else {
                references.addLazily(spec.id(), () -> new ExternalHost(spec));
            }
        }
        for (String wanted : config.hosts()) {
            if (!available.contains(wanted)) {
                throw new ConfigurationException(Constants.HOSTS + " names host '" + wanted
                        + "', but the classpath only provides " + available);
            }
        }
        hosts.forEach(references::add);
        return new Catalog(Map.copyOf(abis), List.copyOf(hosts), references.build());
    }

    public List<Host> hostsFor(String abi) {
        return hosts.stream().filter(h -> h.abis().contains(abi)).toList();
    }
}
