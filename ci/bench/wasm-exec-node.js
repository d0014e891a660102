// Node side of ci/bench/wasm-exec.sh: Go's own wasm_exec.js (the Go class, set up the way the Go
// distribution's wasm_exec_node.js sets it up) on node's WebAssembly engine.
//   node wasm-exec-node.js <wasm_exec.js> <hello.wasm> <my-event.wasm>
// Environment: BENCH_COMPILES, BENCH_STARTS_WARM, BENCH_STARTS, BENCH_CALLS, BENCH_ROUNDS,
// BENCH_CALLS_WARM (see wasm-exec.sh). Prints one tab-separated line per metric:
//   metric  median  min  max  samples  unit
// The guests' output is discarded by an fs.write that calls back at once (the wasm-tck host keeps it
// in memory), so neither side measures a terminal or a pipe.
'use strict';
const fs = require('fs');
const [wasmExec, helloPath, myEventPath] = process.argv.slice(2);
const env = (name, dflt) => Number(process.env[name] || dflt);

globalThis.require = require;
globalThis.path = require('path');
globalThis.TextEncoder ??= require('util').TextEncoder;
globalThis.TextDecoder ??= require('util').TextDecoder;
globalThis.performance ??= require('perf_hooks').performance;
// Go 1.19's wasm_exec_node.js installs this; node runs it with --no-experimental-global-webcrypto.
globalThis.crypto ??= { getRandomValues(b) { require('crypto').randomFillSync(b); return b; } };
const quiet = Object.create(fs);
quiet.write = (fd, buf, offset, length, position, callback) => {
  if (fd === 1 || fd === 2) {
    callback(null, length);
  } else {
    fs.write(fd, buf, offset, length, position, callback);
  }
};
quiet.writeSync = (fd, buf) => (fd === 1 || fd === 2 ? buf.length : fs.writeSync(fd, buf));
globalThis.fs = quiet;
require(wasmExec);
require('./bench.js');

function stats(name, samples, unit) {
  const s = [...samples].sort((a, b) => a - b);
  const median = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  console.log([name, median, s[0], s[s.length - 1], s.length, unit].join('\t'));
}

async function start(module, argv) {
  const go = new Go();
  go.argv = argv;
  go.env = { TMPDIR: '/tmp' };
  let code;
  go.exit = (c) => { code = c; };
  const instance = await WebAssembly.instantiate(module, go.importObject);
  const done = go.run(instance);
  return { go, done, code: () => code };
}

async function main() {
  const helloBytes = fs.readFileSync(helloPath);
  const eventBytes = fs.readFileSync(myEventPath);

  // Compilation: WebAssembly.compile of hello.wasm (node compiles lazily: Liftoff first, TurboFan for
  // hot functions later, so this is the up-front part only).
  const compiles = [];
  let hello;
  for (let i = 0; i < env('BENCH_COMPILES', 5); i++) {
    const t0 = performance.now();
    hello = await WebAssembly.compile(helloBytes);
    compiles.push(performance.now() - t0);
  }
  stats('compile hello.wasm', compiles, 'ms');

  // Start-up: from the compiled module to main having run and the program having exited.
  const starts = [];
  const warm = env('BENCH_STARTS_WARM', 20);
  const total = warm + env('BENCH_STARTS', 30);
  for (let i = 0; i < total; i++) {
    const t0 = performance.now();
    const run = await start(hello, ['hello.wasm']);
    await run.done;
    const t = performance.now() - t0;
    if (run.code() !== 0) throw new Error('hello exited with ' + run.code());
    if (i >= warm) starts.push(t);
  }
  stats('start hello (instantiate + main)', starts, 'ms');

  // Calls: one instance of my-event, main has run; benchRounds (bench.js) times n calls per round.
  const eventModule = await WebAssembly.compile(eventBytes);
  const run = await start(eventModule, ['my-event.wasm']);
  await new Promise((resolve) => setTimeout(resolve, 50));
  const n = env('BENCH_CALLS', 2000);
  for (const fn of ['echoBytes', 'myEvent']) {
    const rounds = globalThis.benchRounds(fn, env('BENCH_CALLS_WARM', 5000), n, env('BENCH_ROUNDS', 10));
    stats('call ' + fn, rounds.map((ms) => (ms * 1000) / n), 'us/call');
  }
  process.exit(0);   // my-event blocks in select {}; do not let the runner report a deadlock
}

main().catch((e) => { console.error(e); process.exit(1); });
