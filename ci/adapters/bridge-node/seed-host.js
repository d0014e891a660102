// The async-bridge host as the seed write-up describes it, on node with @msgpack/msgpack: what the
// bridge-node adapter (adapter.js) serves over the host protocol and ci/bench/bridge-node.js times.
// runSeedHost(module, frame, answerGet): one call of frame.function with frame.input on a fresh instance of
// the compiled module; answerGet(payload) answers each get, synchronously, as {response} or {error, kind}.
'use strict';
const msgpack = require('@msgpack/msgpack');

class Fault extends Error {
  constructor(kind, message) { super(message); this.kind = kind; }
}

async function runSeedHost(module, frame, answerGet) {
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
  // answerGet answers get; the promise settles with the decoded answer, then `then` hands it to the guest.
  const ask = (payload, then) => {
    promise = new Promise((resolve, reject) => {
      const answer = answerGet(payload);
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
    instance = await WebAssembly.instantiate(module, { env: { get } });
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

module.exports = { runSeedHost, kindOf };
