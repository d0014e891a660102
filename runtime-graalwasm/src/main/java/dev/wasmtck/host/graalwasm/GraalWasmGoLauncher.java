package dev.wasmtck.host.graalwasm;

import dev.wasmtck.host.wasmexec.GoLauncher;
import dev.wasmtck.runtime.graalwasm.GraalWasmRuntime;

/**
 * The Go launcher ({@link GoLauncher}) on GraalWasm, with memories that may grow to 4 GiB as under node
 * (Chicory stops below 2 GiB). {@code WASM_TCK_RUNTIME=graalwasm bin/go_js_wasm_exec prog.wasm} runs it;
 * see docs/go-launcher.md.
 */
public final class GraalWasmGoLauncher {
    private GraalWasmGoLauncher() {}

    public static void main(String[] args) throws Exception {
        GoLauncher.launch(GraalWasmRuntime.withFullAddressSpace(), args);
    }
}
