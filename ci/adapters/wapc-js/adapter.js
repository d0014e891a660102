// wasm-tck host protocol adapter (docs/host-protocol.md) around wapc-js, npm @wapc/host 0.0.3.
// It reports what @wapc/host does, without correcting it: the host call answer, the error text the
// guest reads and the call's result are the library's own. stdout carries frames only, so the
// guest's output (console.log, WASI fd_write) is captured per call instead of printed.
'use strict';
const { readFrame, writeFrame, callback } = require('./frames');
const wapc = require('@wapc/host');

const modules = new Map();
let captured = '';
console.log = (...args) => { captured += args.join(' ') + '\n'; };
console.info = console.log;
console.warn = (...args) => process.stderr.write(args.join(' ') + '\n');

function hello() {
  const pkg = require('@wapc/host/package.json');
  writeFrame({
    type: 'hello', protocol: 1,
    host: { name: 'wapc-js (@wapc/host)', version: pkg.version },
    runtime: { name: 'node', version: process.versions.node },
    abis: ['wapc'],
    // It cannot stop a running guest, cap its memory or pool instances: the kit's own deadline applies.
    capabilities: [],
  });
}

function load(frame) {
  try {
    new WebAssembly.Module(frame.wasm);
    modules.set(frame.module, frame.wasm);
    writeFrame({ type: 'loaded', module: frame.module });
  } catch (e) {
    writeFrame({ type: 'load-failed', module: frame.module, message: String(e.message) });
  }
}

// The kit answers host calls from the case's handlers; an error answer is thrown, as an application's
// host callback would, and @wapc/host turns it into the host error the guest reads.
function hostCall(binding, namespace, operation, payload) {
  const answer = callback({ kind: 'host-call', binding, namespace, operation, payload });
  if (answer.error !== undefined && answer.error !== null) throw new Error(answer.error);
  return answer.response || new Uint8Array(0);
}

function fault(kind, message) {
  return { type: 'result', fault: { kind, message: String(message) }, stdout: captured, stderr: '' };
}

async function call(frame) {
  const wasm = modules.get(frame.module);
  captured = '';
  let host;
  try {
    host = await wapc.instantiate(wasm, hostCall, (text) => { captured += text; });
  } catch (e) {
    const cause = e instanceof WebAssembly.RuntimeError ? 'trap' : 'link';
    return fault(cause, e.message);
  }
  try {
    const output = await host.invoke(frame.function, frame.input || new Uint8Array(0));
    return { type: 'result', output, stdout: captured, stderr: '' };
  } catch (e) {
    if (e instanceof WebAssembly.RuntimeError || e instanceof RangeError) return fault('trap', e.message);
    // @wapc/host throws a plain Error in two places: the guest returned 0 (its message is the guest's
    // error, "" when there was none) or returned 1 without a response.
    if (/guest response not set/.test(e.message)) return fault('protocol', e.message);
    return fault('guest-error', e.message);
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
  process.stderr.write(`wapc-js adapter: ${e.stack}\n`);
  process.exit(70);
});
