// wasm-tck host protocol adapter (docs/host-protocol.md): the async-bridge host as the seed write-up
// describes it, on node with @msgpack/msgpack. The module gets only env.get; the input goes to
// offset 1 (placement fixed-offset) or, for placement allocator, where the guest's malloc says, an
// extension the suite's default cases need. get decodes its argument, a promise resolves with the
// kit's answer decoded, then callback gets that value encoded again right after get's bytes (or in
// malloc'd memory) and returns a pointer to {data, len}; the result is decoded, as the seed's call
// returns a value, and encoded again for the kit. Like the seed, one promise is kept: the last get's.
// The seed's value form (numbers in and out, no memory) and placement auto are served too.
'use strict';
const { readFrame, writeFrame, callback } = require('./frames');
const msgpack = require('@msgpack/msgpack');
const { runSeedHost, kindOf } = require('./seed-host');

const modules = new Map();

function hello() {
  writeFrame({
    type: 'hello', protocol: 1,
    host: { name: 'seed async-bridge host (node)', version: '1' },
    runtime: { name: 'node', version: process.versions.node },
    abis: ['async-bridge'],
    capabilities: ['async-bridge.fixed-offset'],
  });
}

function load(frame) {
  try {
    modules.set(frame.module, new WebAssembly.Module(frame.wasm));
    writeFrame({ type: 'loaded', module: frame.module });
  } catch (e) {
    writeFrame({ type: 'load-failed', module: frame.module, message: String(e.message) });
  }
}

async function call(frame) {
  try {
    const value = await runSeedHost(modules.get(frame.module), frame,
      (payload) => callback({ kind: 'get', payload }));
    return { type: 'result', output: msgpack.encode(value), stdout: '', stderr: '' };
  } catch (e) {
    return { type: 'result', fault: { kind: kindOf(e), message: String(e.message) }, stdout: '', stderr: '' };
  }
}

async function main() {
  hello();
  for (let frame = readFrame(); frame !== null; frame = readFrame()) {
    if (frame.type === 'load') load(frame);
    else if (frame.type === 'call') writeFrame(await call(frame));
    else writeFrame({ type: 'error', message: `unexpected frame '${frame.type}'` });
  }
}

main().catch((e) => {
  process.stderr.write(`bridge-node adapter: ${e.stack}\n`);
  process.exit(70);
});
