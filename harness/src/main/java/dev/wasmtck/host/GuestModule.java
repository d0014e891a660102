package dev.wasmtck.host;

/** A guest's WebAssembly binary and the name it is reported under. */
public record GuestModule(String name, byte[] wasm) {}
