package dev.wasmtck.internal.host.wasmexec;

import dev.wasmtck.abi.wasmexec.JsHostFunction;
import dev.wasmtck.abi.wasmexec.AfterExit;
import dev.wasmtck.abi.wasmexec.FileGrant;
import dev.wasmtck.abi.wasmexec.WasmExecSettings;
import dev.wasmtck.host.Abi;
import dev.wasmtck.internal.msgpack.Payloads;
import dev.wasmtck.internal.yaml.YamlMap;
import dev.wasmtck.internal.yaml.YamlNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The case-format side of Go's wasm_exec ABI ({@code abi: wasm-exec}). A case runs the program's
 * {@code main}; with {@code function:} it then calls that JS global (a {@code js.FuncOf} the guest
 * registered), passing {@code input} as the argument list. Its {@code host:} section may hold:
 *
 * <pre>
 * host:
 *   args: [--verbose, x]        # argv after the program name
 *   env: {LANG: C}               # the whole environment
 *   globals: {config: {n: 1}}    # JS globals set before main (payload notation: !bin is a Uint8Array)
 *   js: |                        # a script run before main
 *     globalThis.hostAdd = (a, b) => a + b;
 *   functions: [sha256]          # Java host functions (JsHostFunction) to install
 *   random-seed: 42              # makes crypto.getRandomValues and Go's rand repeatable
 *   after-exit: refuse           # or serve: keep answering calls after main returned
 *   program: js                  # argv[0]
 *   files:                       # what of the file system the guest sees (default: nothing)
 *     read: data                 # a folder next to the case file, read-only at /data (the working directory)
 *     scratch: true              # an empty writable folder at /tmp (TMPDIR), per run, deleted after
 * </pre>
 */
public final class WasmExecAbi implements Abi<WasmExecSettings> {
    public static final String NAME = "wasm-exec";
    static final List<String> SECTION_KEYS =
            List.of("args", "env", "globals", "js", "functions", "random-seed", "after-exit", "program", "files");

    @Override
    public String name() {
        return NAME;
    }

    /** No function: the case runs {@code main} only. */
    @Override
    public String defaultFunction() {
        return "";
    }

    @Override
    public void checkInput(YamlNode input) {
        if (!input.isList()) {
            throw input.error("a wasm-exec input is the list of arguments of the function called, e.g."
                    + " [\"text\", 42, !bin 00ff]; found " + input.kind());
        }
    }

    @Override
    public Class<WasmExecSettings> settingsType() {
        return WasmExecSettings.class;
    }

    @Override
    public WasmExecSettings parseSettings(Optional<YamlMap> section) {
        if (section.isEmpty()) {
            return WasmExecSettings.DEFAULT;
        }
        YamlMap host = section.get().allowOnly(SECTION_KEYS);
        List<String> args = host.get("args").map(n -> n.asStringList("args")).orElse(List.of());
        Map<String, String> env = new LinkedHashMap<>();
        host.get("env").ifPresent(n -> {
            YamlMap m = n.asMap("env");
            for (String key : m.keys()) {
                if (key.isEmpty() || key.contains("=")) {
                    throw m.require(key).error("environment variable names must be non-empty and contain no '='");
                }
                env.put(key, m.require(key).scalarText("the value of " + key));
            }
        });
        Map<String, byte[]> globals = new LinkedHashMap<>();
        host.get("globals").ifPresent(n -> {
            YamlMap m = n.asMap("globals");
            for (String key : m.keys()) {
                globals.put(key, Payloads.encode(m.require(key)));
            }
        });
        String js = null;
        dev.wasmtck.internal.yaml.SourceRef jsWhere = null;
        if (host.has("js")) {
            YamlNode node = host.require("js");
            js = node.asString("js");
            // A block scalar starts on the line after its indicator.
            boolean block = node.raw() instanceof org.snakeyaml.engine.v2.nodes.ScalarNode s
                    && (s.getScalarStyle() == org.snakeyaml.engine.v2.common.ScalarStyle.LITERAL
                            || s.getScalarStyle() == org.snakeyaml.engine.v2.common.ScalarStyle.FOLDED);
            jsWhere = node.where().atLine(node.where().line() + (block ? 1 : 0));
        }
        List<String> functions = new ArrayList<>();
        host.get("functions").ifPresent(n -> {
            Set<String> known = JsHostFunctions.byName().keySet();
            for (YamlNode item : n.asList("functions")) {
                String name = item.asString("a function name");
                if (!known.contains(name)) {
                    throw item.error("no Java host function named '" + name + "' is registered (JsHostFunction); known: "
                            + known);
                }
                functions.add(name);
            }
        });
        Long seed = host.get("random-seed").map(n -> n.asLong("random-seed")).orElse(null);
        AfterExit afterExit = AfterExit.REFUSE;
        if (host.has("after-exit")) {
            YamlNode node = host.require("after-exit");
            String label = node.asString("after-exit");
            afterExit = switch (label) {
                case "refuse" -> AfterExit.REFUSE;
                case "serve" -> AfterExit.SERVE;
                default -> throw node.error("after-exit is 'refuse' (as Go's wasm_exec.js) or 'serve'"
                        + " (keep answering calls after main returns), found '" + label + "'");
            };
        }
        String program = host.get("program").map(n -> n.asString("program")).orElse("js");
        FileGrant files = host.get("files").map(FileGrant::parse).orElse(FileGrant.NONE);
        if (files.scratch()) {
            env.putIfAbsent("TMPDIR", FileGrant.SCRATCH);
        }
        return new WasmExecSettings(args, env, globals, js, jsWhere, functions, seed, afterExit, program, files);
    }

    @Override
    public List<dev.wasmtck.host.ModuleRule> moduleRules() {
        return WasmExecModuleRules.RULES;
    }

    @Override
    public Optional<String> recogniseShape(dev.wasmtck.module.ModuleShape module) {
        return WasmExecModuleRules.recognise(module);
    }
}
