// Preloaded (node --require, through NODE_OPTIONS) when GoStdlibTest validates itself with Go's
// own node runner instead of the Java host. It gives Go 1.19's runner the Node.js it was written
// for (Node.js <= 16); runners of Go >= 1.21 are unaffected by both changes.
"use strict";

// Go 1.19's misc/wasm/wasm_exec_node.js assigns globalThis.crypto, which Node.js >= 19 defines
// as a getter only: the runner dies with "Cannot set property crypto of #<Object> which has only
// a getter" before the guest starts. A plain writable property lets that assignment work.
Object.defineProperty(globalThis, "crypto", {
  value: globalThis.crypto,
  writable: true,
  configurable: true,
  enumerable: true,
});

// Go 1.19's net/http sends requests through the JS fetch() whenever it exists, and Node.js >= 18
// has one: then httptest servers (in-memory on js/wasm) are unreachable, and tests such as
// encoding/json's TestHTTPDecoding fail with "fetch() failed". Go >= 1.21 ignores fetch under
// Node.js; without fetch, Go 1.19 does the same, using its in-memory network.
delete globalThis.fetch;
