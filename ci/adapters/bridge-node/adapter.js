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

class Fault extends Error {
  constructor(kind, message) { super(message); this.kind = kind; }
}

async function run(frame) {
  const placement = (frame.settings || {}).placement;
  let allocator = placement !== 'fixed-offset';
  let exports;
  let promise;
  const all = []; // every get's promise: the seed keeps only the last, but an earlier one may still reject
  const place = (bytes, offset) => {
    const at = allocator ? exports.malloc(bytes.length) : offset;
    new Uint8Array(exports.memory.buffer, at, bytes.length).set(bytes);
    return at;
  };
  const deliver = (value, offset) => {
    const msg = msgpack.encode(value);
    const at = place(msg, offset);
    const result = new Uint32Array(exports.memory.buffer, exports.callback(at, msg.length), 2);
    return msgpack.decode(exports.memory.buffer.slice(result[0], result[0] + result[1]));
  };
  // The kit answers get; the promise settles with the decoded answer, then `then` hands it to the guest.
  const ask = (payload, then) => {
    promise = new Promise((resolve, reject) => {
      const answer = callback({ kind: 'get', payload });
      if (answer.error !== undefined && answer.error !== null) reject(new Fault(answer.kind || 'host-error', answer.error));
      else resolve(msgpack.decode(answer.response));
    }).then(then);
    all.push(promise);
  };
  // The seed's first form passes plain numbers: call(n) leads to get(n), and callback(value) returns
  // the answer itself. A guest is of that form when its callback takes one parameter (an export's
  // length is its parameter count; the MessagePack form's callback takes two).
  let valueForm = false;
  const get = (ptr, len) => {
    if (valueForm) {
      ask(msgpack.encode(ptr === undefined ? null : ptr), (value) => exports.callback(value));
      return;
    }
    const bytes = new Uint8Array(exports.memory.buffer.slice(ptr, ptr + len));
    msgpack.decode(bytes); // the seed decodes the argument; malformed bytes fail here
    ask(bytes, (value) => deliver(value, ptr + len));
  };
  let instance;
  try {
    instance = await WebAssembly.instantiate(modules.get(frame.module), { env: { get } });
  } catch (e) {
    throw new Fault(e instanceof WebAssembly.RuntimeError ? 'trap' : 'link', e.message);
  }
  exports = instance.exports;
  const entry = exports[frame.function || 'call'];
  valueForm = exports.callback.length === 1;
  if (valueForm) {
    const input = frame.input && frame.input.length ? msgpack.decode(frame.input) : null;
    if (entry.length > 0) entry(input);
    else entry();
  } else {
    // placement auto: the guest's malloc where it exports one, else the seed's fixed offsets.
    if (placement === 'auto') allocator = typeof exports.malloc === 'function';
    const input = frame.input || new Uint8Array(0);
    entry(place(input, 1), input.length);
  }
  if (promise === undefined) throw new Fault('protocol', 'the guest returned without calling get');
  const last = promise;
  const settled = await Promise.allSettled(all);
  // Under the seed a rejected earlier promise is unhandled, and node ends the process for that.
  const lost = settled.slice(0, -1).find((s) => s.status === 'rejected');
  if (lost) {
    throw new Fault('host-error', `unhandled rejection of an earlier get (the seed keeps only the last get's`
      + ` promise, and node ends the process on an unhandled rejection): ${lost.reason.message}`);
  }
  return last;
}

function kindOf(e) {
  if (e instanceof Fault) return e.kind;
  if (e instanceof WebAssembly.RuntimeError) return 'trap';
  if (e instanceof WebAssembly.LinkError || e instanceof TypeError) return 'link';
  return 'protocol'; // out-of-range memory views, malformed MessagePack
}

async function call(frame) {
  try {
    const value = await run(frame);
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
