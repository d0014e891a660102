package dev.wasmtck.internal.host.external;

import dev.wasmtck.abi.bridge.BridgeSettings;
import dev.wasmtck.abi.bridge.GetBehaviour;
import dev.wasmtck.abi.bridge.Placement;
import dev.wasmtck.abi.wasmexec.FileGrant;
import dev.wasmtck.abi.wasmexec.WasmExecSettings;
import dev.wasmtck.internal.yaml.SourceRef;
import java.net.URI;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.msgpack.value.Value;

/**
 * The one place where a case's typed ABI settings meet the call frame's {@code settings} map
 * (docs/host-protocol.md#call): {@link #toFrame} is what the kit sends, {@link #wasmExec} and
 * {@link #bridge} read it back in the Java reference adapter. The waPC handlers stay in the kit
 * (host-call callbacks), so waPC sends an empty map.
 */
final class ProtocolSettings {
    private ProtocolSettings() {}

    static Map<String, Object> toFrame(Object settings) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (settings instanceof BridgeSettings b) {
            map.put("placement", b.placement().label());
            // The script too, for an adapter that plays it itself; others ask with get callbacks.
            map.put("get", b.answers().stream().map(ProtocolSettings::behaviour).toList());
            map.put("scripted", b.scripted());
        } else if (settings instanceof WasmExecSettings w) {
            map.put("args", w.args());
            map.put("env", w.env());
            map.put("globals", w.globals());
            map.put("js", w.js());
            map.put("js-where", w.jsWhere() == null ? null
                    : Map.of("location", w.jsWhere().location(), "line", w.jsWhere().line(), "column", w.jsWhere().column()));
            map.put("functions", w.functions());
            map.put("random-seed", w.randomSeed());
            map.put("after-exit", w.servesAfterExit() ? "serve" : "refuse");
            map.put("program", w.program());
            Map<String, Object> files = new LinkedHashMap<>();
            files.put("read", w.files().read() == null ? null : w.files().read().toUri().toString());
            files.put("scratch", w.files().scratch());
            map.put("files", files);
        }
        return map;
    }

    private static Map<String, Object> behaviour(GetBehaviour b) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (b instanceof GetBehaviour.Echo) {
            m.put("echo", true);
        } else if (b instanceof GetBehaviour.Resolve r) {
            m.put("resolve", r.payload());
        } else if (b instanceof GetBehaviour.Reject r) {
            m.put("reject", r.message());
        } else if (b instanceof GetBehaviour.Function f) {
            m.put("function", f.name());
        }
        m.put("delay-ms", b.delay().toMillis());
        return m;
    }

    /** The async-bridge settings a call frame carries. */
    static BridgeSettings bridge(Frame call) throws Frame.ProtocolError {
        Map<String, Value> s = settings(call);
        Placement placement = Placement.byLabel(text(s, "placement").orElse("allocator"))
                .orElseThrow(() -> new Frame.ProtocolError("a call with an unknown placement " + s.get("placement")));
        List<GetBehaviour> answers = new ArrayList<>();
        for (Value v : list(s, "get")) {
            Map<String, Value> m = map(v);
            Duration delay = Duration.ofMillis(number(m, "delay-ms").orElse(0L));
            if (m.containsKey("resolve")) {
                answers.add(new GetBehaviour.Resolve(m.get("resolve").asRawValue().asByteArray(), delay));
            } else if (m.containsKey("reject")) {
                answers.add(new GetBehaviour.Reject(text(m, "reject").orElse(""), delay));
            } else if (m.containsKey("function")) {
                answers.add(new GetBehaviour.Function(text(m, "function").orElse(""), delay));
            } else {
                answers.add(new GetBehaviour.Echo(delay));
            }
        }
        if (answers.isEmpty()) {
            return BridgeSettings.DEFAULT.withPlacement(placement);
        }
        boolean scripted = s.containsKey("scripted") && s.get("scripted").isBooleanValue()
                && s.get("scripted").asBooleanValue().getBoolean();
        return scripted ? BridgeSettings.script(answers, placement) : BridgeSettings.every(answers.get(0), placement);
    }

    /** The wasm-exec settings a call frame carries. */
    static WasmExecSettings wasmExec(Frame call) throws Frame.ProtocolError {
        Map<String, Value> s = settings(call);
        Map<String, String> env = new LinkedHashMap<>();
        optionalMap(s, "env").forEach((k, v) -> env.put(k, v.asStringValue().asString()));
        Map<String, byte[]> globals = new LinkedHashMap<>();
        optionalMap(s, "globals").forEach((k, v) -> globals.put(k, v.asRawValue().asByteArray()));
        SourceRef where = null;
        if (s.containsKey("js-where") && s.get("js-where").isMapValue()) {
            Map<String, Value> w = map(s.get("js-where"));
            where = new SourceRef(text(w, "location").orElse("?"), number(w, "line").orElse(0L).intValue(),
                    number(w, "column").orElse(0L).intValue());
        }
        Map<String, Value> files = optionalMap(s, "files");
        FileGrant grant = new FileGrant(text(files, "read").map(ProtocolSettings::folder).orElse(null),
                files.containsKey("scratch") && files.get("scratch").asBooleanValue().getBoolean());
        return new WasmExecSettings(strings(s, "args"), env, globals, text(s, "js").orElse(null), where,
                strings(s, "functions"), number(s, "random-seed").orElse(null), WasmExecSettings.DEFAULT.afterExit(),
                text(s, "program").orElse("js"), grant)
                .servingAfterExit(text(s, "after-exit").orElse("refuse").equals("serve"));
    }

    /** A granted folder by its URI: on disk, or inside a jar (whose file system is opened once). */
    private static Path folder(String uri) {
        URI u = URI.create(uri);
        if ("jar".equals(u.getScheme())) {
            try {
                FileSystems.newFileSystem(u, Map.of());
            } catch (FileSystemAlreadyExistsException | java.io.IOException alreadyOpenOrNot) {
                // Path.of below finds an open one, or says what is wrong.
            }
        }
        return Path.of(u);
    }

    private static Map<String, Value> settings(Frame call) {
        return call.value("settings").filter(Value::isMapValue).map(ProtocolSettings::map).orElse(Map.of());
    }

    private static Map<String, Value> map(Value v) {
        Map<String, Value> m = new LinkedHashMap<>();
        if (v.isMapValue()) {
            v.asMapValue().map().forEach((k, x) -> {
                if (!x.isNilValue()) {
                    m.put(k.toString(), x);
                }
            });
        }
        return m;
    }

    private static Map<String, Value> optionalMap(Map<String, Value> s, String key) {
        return s.containsKey(key) ? map(s.get(key)) : Map.of();
    }

    private static List<Value> list(Map<String, Value> s, String key) {
        return s.containsKey(key) && s.get(key).isArrayValue() ? s.get(key).asArrayValue().list() : List.of();
    }

    private static List<String> strings(Map<String, Value> s, String key) {
        return list(s, key).stream().map(v -> v.asStringValue().asString()).toList();
    }

    private static Optional<String> text(Map<String, Value> s, String key) {
        return Optional.ofNullable(s.get(key)).filter(Value::isStringValue).map(v -> v.asStringValue().asString());
    }

    private static Optional<Long> number(Map<String, Value> s, String key) {
        return Optional.ofNullable(s.get(key)).filter(Value::isIntegerValue).map(v -> v.asIntegerValue().asLong());
    }
}
