package dev.wasmtck.engine;

import dev.wasmtck.host.Abi;
import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.host.GuestModule;
import dev.wasmtck.host.Host;
import dev.wasmtck.host.HostProvider;
import dev.wasmtck.host.Outcome;
import dev.wasmtck.host.PreparedGuest;
import dev.wasmtck.internal.msgpack.Payloads;
import dev.wasmtck.internal.yaml.YamlMap;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A host for the test-only ABI {@code fake}: no wasm involved, so engine tests exercise discovery,
 * judging and reporting in isolation. {@code echo} returns the input; the {@code host:} section can
 * script a reply, a fault, a delay or a JVM {@code Error} ({@code jvm-error}).
 */
public final class FakeHost implements Host {
    static final AtomicInteger PREPARES = new AtomicInteger();

    record Settings(byte[] reply, GuestFault.Kind faultKind, String faultMessage, Duration sleep, Integer exit,
            String stderr, java.util.Map<String, byte[]> globals, String jvmError, boolean stdoutNamesHost) {}

    private final String id;
    private final Set<String> capabilities;

    FakeHost() {
        this("fake", Set.of("timeout", "fake.scripts"));
    }

    FakeHost(String id, Set<String> capabilities) {
        this.id = id;
        this.capabilities = capabilities;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Set<String> abis() {
        return Set.of("fake");
    }

    @Override
    public Set<String> capabilities() {
        return capabilities;
    }

    @Override
    public PreparedGuest prepare(GuestModule module) throws GuestFault {
        PREPARES.incrementAndGet();
        if (new String(module.wasm()).startsWith("unlinkable")) {
            throw new GuestFault(GuestFault.Kind.LINK, "module " + module.name() + " does not link");
        }
        return invocation -> {
            Settings s = invocation.settings(Settings.class).orElseThrow();
            if (s.sleep() != null) {
                try {
                    Thread.sleep(s.sleep().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (s.faultKind() != null) {
                throw new GuestFault(s.faultKind(), s.faultMessage());
            }
            if (s.jvmError() != null) {
                // What a host that lets a JVM Error through would throw: the case boundary must catch it.
                throw switch (s.jvmError()) {
                    case "OutOfMemoryError" -> new OutOfMemoryError("Java heap space");
                    case "StackOverflowError" -> new StackOverflowError();
                    default -> new InternalError(s.jvmError());
                };
            }
            java.util.Map<String, byte[]> globals = new java.util.HashMap<>();
            for (String name : invocation.observe()) {
                globals.put(name, s.globals().getOrDefault(name, new byte[] {(byte) 0xc0}));
            }
            return new Outcome(s.reply() != null ? s.reply() : invocation.input(),
                    s.stdoutNamesHost() ? id + " stdout\n" : "fake stdout\n",
                    s.stderr() == null ? "" : s.stderr(), s.exit(), globals);
        };
    }

    public static final class Provider implements HostProvider {
        @Override
        public String id() {
            return "fake";
        }

        @Override
        public Host create(Config config) {
            return new FakeHost();
        }
    }

    /** A second fake host with no capabilities, which also has a known-failure list by convention. */
    public static final class LiteProvider implements HostProvider {
        @Override
        public String id() {
            return "fake-lite";
        }

        @Override
        public Host create(Config config) {
            return new FakeHost("fake-lite", Set.of());
        }
    }

    public static final class FakeAbi implements Abi<Settings> {
        @Override
        public String name() {
            return "fake";
        }

        @Override
        public String defaultFunction() {
            return "echo";
        }

        @Override
        public Class<Settings> settingsType() {
            return Settings.class;
        }

        @Override
        public Settings parseSettings(Optional<YamlMap> section) {
            if (section.isEmpty()) {
                return new Settings(null, null, null, null, null, null, java.util.Map.of(), null, false);
            }
            YamlMap m = section.get().allowOnly(List.of("reply", "fault", "sleep", "exit", "stderr", "globals", "jvm-error",
                    "stdout-names-host"));
            byte[] reply = m.get("reply").map(Payloads::encode).orElse(null);
            GuestFault.Kind kind = null;
            String message = null;
            if (m.has("fault")) {
                YamlMap f = m.require("fault").asMap("fault").allowOnly(List.of("kind", "message"));
                kind = GuestFault.Kind.valueOf(f.require("kind").asString("kind"));
                message = f.require("message").asString("message");
            }
            Duration sleep = m.get("sleep").map(n -> n.asDuration("sleep")).orElse(null);
            Integer exit = m.get("exit").map(n -> n.asInt("exit")).orElse(null);
            String stderr = m.get("stderr").map(n -> n.asString("stderr")).orElse(null);
            java.util.Map<String, byte[]> globals = new java.util.HashMap<>();
            m.get("globals").ifPresent(g -> {
                YamlMap gm = g.asMap("globals");
                for (String k : gm.keys()) {
                    globals.put(k, Payloads.encode(gm.require(k)));
                }
            });
            return new Settings(reply, kind, message, sleep, exit, stderr, globals,
                    m.get("jvm-error").map(n -> n.asString("jvm-error")).orElse(null),
                    m.get("stdout-names-host").map(n -> n.asBoolean("stdout-names-host")).orElse(false));
        }
    }
}
