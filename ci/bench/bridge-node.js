// Node side of ci/bench/run for the async-bridge ABI: the seed's JS host (ci/adapters/bridge-node/seed-host.js,
// @msgpack/msgpack, as installed by ci/adapters/build.sh bridge-node) on node's WebAssembly engine.
//   node bridge-node.js <installed bridge-node adapter folder> <message-alloc.wasm>
// The same calls BridgeBench makes on our side: {message: <string of N bytes>} into the seed's guest, get
// answered with its own payload (an echo), the guest's callback returning {msg: <that string>}. Every call
// instantiates the module afresh, as the seed's host does. Environment: BENCH_BRIDGE_CALLS (calls per round
// at 16 B; fewer for bigger payloads, see calls()), BENCH_ROUNDS, BENCH_WARM_ROUNDS, BENCH_STARTS_WARM,
// BENCH_STARTS. Prints tab-separated lines: metric, median, min, max, samples, unit.
'use strict';
const path = require('path');
const fs = require('fs');
const [adapterDir, wasmPath] = process.argv.slice(2);
const { runSeedHost } = require(path.join(path.resolve(adapterDir), 'seed-host.js'));
const msgpack = require(require.resolve('@msgpack/msgpack', { paths: [path.resolve(adapterDir)] }));
const env = (name, dflt) => Number(process.env[name] || dflt);
const { performance } = require('perf_hooks');

function stats(name, samples, unit) {
  const s = [...samples].sort((a, b) => a - b);
  const median = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  console.log([name, median, s[0], s[s.length - 1], s.length, unit].join('\t'));
}

// Calls per round for a payload: BENCH_BRIDGE_CALLS, fewer for big ones (16 MiB per round at most), at least 10.
const calls = (size) => Math.min(env('BENCH_BRIDGE_CALLS', 200), Math.max(10, Math.floor((16 << 20) / size)));
const echo = (payload) => ({ response: payload });

// Untimed runs: at least minCalls and at least BENCH_WARM_MILLIS (2000) ms, as the Java side warms up (Bench.warm).
async function warm(minCalls, run) {
  const until = performance.now() + env('BENCH_WARM_MILLIS', 2000);
  for (let i = 0; i < minCalls || performance.now() < until; i++) await run();
}

async function main() {
  const module = new WebAssembly.Module(fs.readFileSync(wasmPath));
  // Instantiate alone, with the seed's single import.
  const starts = [];
  await warm(env('BENCH_STARTS_WARM', 20), () => WebAssembly.instantiate(module, { env: { get() {} } }));
  for (let i = 0; i < env('BENCH_STARTS', 30) * 10; i++) {
    const t0 = performance.now();
    await WebAssembly.instantiate(module, { env: { get() {} } });
    starts.push((performance.now() - t0) * 1000);
  }
  stats('instantiate', starts, 'us');
  for (const size of [16, 1024, 65536, 1 << 20]) {
    const text = 'x'.repeat(size);
    const frame = { function: 'call', input: msgpack.encode({ message: text }), settings: { placement: 'allocator' } };
    const n = calls(size);
    const perCall = [];
    await warm(env('BENCH_WARM_ROUNDS', 3) * n, () => runSeedHost(module, frame, echo));
    for (let r = 0; r < env('BENCH_ROUNDS', 10); r++) {
      const t0 = performance.now();
      for (let i = 0; i < n; i++) {
        const value = await runSeedHost(module, frame, echo);
        if (i === 0 && (value === null || value.msg !== text)) throw new Error(`wrong answer at ${size} B`);
      }
      perCall.push((performance.now() - t0) * 1000 / n);
    }
    stats(`call ${size} B (instantiate + call + get + callback)`, perCall, 'us/call');
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
