// The host protocol's framing (docs/host-protocol.md) with blocking reads and writes on fds 0 and 1:
// a waPC host call is synchronous, so the adapter must be able to ask the kit and wait in the middle
// of a guest call. Shared by the node adapters.
'use strict';
const fs = require('fs');
const { encode, decode } = require('@msgpack/msgpack');

function readExactly(n) {
  const buf = Buffer.alloc(n);
  let got = 0;
  while (got < n) {
    let r;
    try {
      r = fs.readSync(0, buf, got, n - got, null);
    } catch (e) {
      if (e.code === 'EAGAIN') continue;
      if (e.code === 'EOF') r = 0; else throw e;
    }
    if (r === 0) {
      if (got === 0) return null;
      throw new Error(`stdin ended inside a frame (${got} of ${n} bytes)`);
    }
    got += r;
  }
  return buf;
}

/** The next frame from the kit as an object, or null when stdin ends. */
function readFrame() {
  const head = readExactly(4);
  if (head === null) return null;
  const body = readExactly(head.readUInt32BE(0));
  return decode(body);
}

function writeFrame(frame) {
  const body = encode(frame, { ignoreUndefined: true });
  const out = Buffer.alloc(4 + body.length);
  out.writeUInt32BE(body.length, 0);
  Buffer.from(body.buffer, body.byteOffset, body.length).copy(out, 4);
  let done = 0;
  while (done < out.length) {
    try {
      done += fs.writeSync(1, out, done, out.length - done);
    } catch (e) {
      if (e.code !== 'EAGAIN') throw e;
    }
  }
}

/** Asks the kit during a call; returns the callback-result frame. */
function callback(fields) {
  writeFrame(Object.assign({ type: 'callback' }, fields));
  const answer = readFrame();
  if (answer === null || answer.type !== 'callback-result') {
    throw new Error('the kit did not answer the callback');
  }
  return answer;
}

module.exports = { readFrame, writeFrame, callback };
