// Preloaded (node -r) before the Go distribution's wasm_exec_node.js to give the Go guests a
// JS world to talk to: the host functions guests/go/host-js expects, and optional calls of the
// functions a guest registers. GO_REF_CALLS holds JS expressions separated by ";;", evaluated in
// order once every global function they name exists (polled, 3 s at most) and
// GO_REF_DELAY_MS (default 100) more milliseconds have passed, so that the guest's main has
// finished printing and is idle (see docs/guests.md on calls during pending writes); each result is
// printed as "[driver] <expr> -> <result>" (Uint8Array as a byte list, strings JSON-quoted).
// GO_REF_SYNC_WRITE=1 (run.sh) preloads the harness's node-sync-write.js first.
'use strict';

globalThis.hostAdd = (a, b) => a + b;
globalThis.hostGreet = (name) => `Hello, ${name}!`;
globalThis.hostFail = () => { throw new Error('host says no'); };
globalThis.config = { name: 'wasm-tck', version: 3, debug: true };

function show(v) {
  if (v instanceof Uint8Array) return `Uint8Array[${Array.from(v).join(',')}]`;
  if (typeof v === 'string') return JSON.stringify(v);
  return String(v);
}

const calls = (process.env.GO_REF_CALLS || '').split(';;').map(s => s.trim()).filter(Boolean);
if (calls.length > 0) {
  const started = Date.now();
  const names = calls.map(c => c.match(/^[A-Za-z_$][\w$]*/)[0]);
  const timer = setInterval(() => {
    if (names.every(n => typeof globalThis[n] === 'function')) {
      clearInterval(timer);
      setTimeout(() => runCalls(), Number(process.env.GO_REF_DELAY_MS || 100));
    } else if (Date.now() - started > 3000) {
      clearInterval(timer);
      console.log(`[driver] gave up waiting for ${names.join(', ')}`);
    }
  }, 5);
}

function runCalls() {
  for (const c of calls) {
    try {
      console.log(`[driver] ${c} -> ${show((0, eval)(c))}`);
    } catch (e) {
      console.log(`[driver] ${c} threw ${e && e.message}`);
    }
  }
}
