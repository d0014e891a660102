// Node only (node -r, before prelude.js): makes fs.write call back synchronously, with writeSync
// underneath, as wasm_exec.js's own browser polyfill and the wasm-tck host's fs.write do. With
// node's real, asynchronous fs.write, a guest that prints inside a js.FuncOf handler deadlocks:
// the write's callback cannot run while JS waits for the handler to return (docs/guests.md).
'use strict';
let wrapped;
Object.defineProperty(globalThis, 'fs', {
  configurable: true,
  get() { return wrapped; },
  set(real) {
    wrapped = Object.create(real);
    wrapped.write = (fd, buf, offset, length, position, callback) => {
      let n;
      try {
        n = real.writeSync(fd, buf, offset, length, position);
      } catch (e) {
        callback(e);
        return;
      }
      callback(null, n);
    };
  },
});
