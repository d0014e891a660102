package dev.wasmtck.abi.wasmexec;

import org.apiguardian.api.API;

/** How a program that has exited treats further calls ({@code host: after-exit:}). */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum AfterExit {
    /** As the official wasm_exec.js: "Go program has already exited". */
    REFUSE,
    /** Keep resuming the instance, as prep/wasmexec does; Go code registered before exit still answers. */
    SERVE
}
