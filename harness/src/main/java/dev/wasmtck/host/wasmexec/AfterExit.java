package dev.wasmtck.host.wasmexec;

/** How a Go program (Go's or TinyGo's) that has exited treats further calls. */
enum AfterExit {
    /** As the official wasm_exec.js: "Go program has already exited". */
    REFUSE,
    /** Keep resuming the instance, as prep/wasmexec does; Go code registered before exit still answers. */
    SERVE
}
