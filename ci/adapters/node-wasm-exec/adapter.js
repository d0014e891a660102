// wasm-tck host protocol adapter (docs/host-protocol.md): Go's js/wasm programs on node with the Go
// distribution's own wasm_exec.js, which the build script copies next to this file from one Go line's
// GOROOT (so each Go line is a host of its own). Serves wasm-exec (main with args and env, js.FuncOf
// functions, host-side JS, globals read back) and waPC for Go js/wasm guests through prep/wasmexec's
// "fake waPC" globals.
//
// Each call gets a fresh JS world: a node vm context in which wasm_exec.js, the case's globals and its
// script run, so nothing one case defines is seen by the next. Output goes to the call's capture
// instead of stdout (which carries frames): the context's `fs` writes fds 1 and 2 there and answers
// ENOSYS to everything else, like wasm_exec.js's own browser stand-in; the program gets no file system.
// go.exit ends the run where it happens, as node's runner (go.exit = process.exit) ends its process.
//
// Bounds (capabilities timeout and memory-limit): every entry into the program's code (main, a timer
// or microtask, a call, the case's own script) runs through a vm.Script with the time left to the call
// as its timeout, which V8 enforces inside wasm loops too; and the import Go's runtime calls after each
// memory.grow (runtime.resetMemoryDataView) ends the run once linear memory is past the case's limit.
'use strict';
const fs = require('fs');
const path = require('path');
const vm = require('vm');
const nodeCrypto = require('crypto');
const { readFrame, writeFrame, callback } = require('./frames');
const msgpack = require('@msgpack/msgpack');

const WASM_EXEC = fs.readFileSync(path.join(__dirname, 'wasm_exec.js'), 'utf8');
const GO_VERSION = fs.readFileSync(path.join(__dirname, 'go-version'), 'utf8').trim();
const modules = new Map();

/** Thrown out of go.exit to unwind the program's JS and wasm frames, as process.exit would end them. */
class Exited {
  constructor(code) { this.code = code; }
}

class Fault extends Error {
  constructor(kind, message) { super(message); this.kind = kind; }
}

/** A duration as the kit writes it in its time-limit messages: 1s, 1.5s, 250ms. */
function duration(ms) {
  return ms >= 1000 && ms % 100 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/**
 * The call's clock: the limit of the phase it is in (main under init-timeout when the case has one,
 * else one limit for the whole call) and the fault a phase that outlives it ends with.
 */
class Clock {
  constructor(limits) {
    this.timeoutMs = Number(limits['timeout-ms'] || 10000);
    this.initMs = limits['init-timeout-ms'] == null ? null : Number(limits['init-timeout-ms']);
    this.initialising = this.initMs !== null;
    this.limitMs = this.initialising ? this.initMs : this.timeoutMs;
    this.deadline = performance.now() + this.limitMs;
  }

  /** With a separate init-timeout, the call after main gets the case's timeout of its own. */
  startCall() {
    if (this.initialising) {
      this.initialising = false;
      this.limitMs = this.timeoutMs;
      this.deadline = performance.now() + this.limitMs;
    }
  }

  left() { return Math.floor(this.deadline - performance.now()); }

  expired() {
    return new Fault('timeout', this.initialising
      ? `initialisation did not complete within ${duration(this.limitMs)} (the case's init-timeout)`
      : `did not complete within ${duration(this.limitMs)}`);
  }
}

/** Runs in the call's context: copies a decoded MessagePack value into that realm's objects. */
const ADOPT = `(function adopt(v) {
  if (v === null || typeof v !== 'object') return v;
  if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength));
  if (Object.prototype.toString.call(v) === '[object Date]') return new Date(v.getTime());
  if (Array.isArray(v)) return v.map(adopt);
  const o = {};
  for (const k of Object.keys(v)) o[k] = adopt(v[k]);
  return o;
})`;

/** A JS value of any realm as plain data for MessagePack, following docs/abi-wasm-exec.md's table. */
function plain(v, depth = 0) {
  if (depth > 64) return '<too deep>';
  if (v === undefined || v === null) return null;
  if (typeof v === 'function') return '<function>';
  if (typeof v === 'symbol') return '<symbol>';
  if (typeof v !== 'object') return v;
  const tag = Object.prototype.toString.call(v);
  if (tag === '[object Date]') return new Date(v.getTime());
  if (tag === '[object ArrayBuffer]') return new Uint8Array(v.slice(0));
  if (tag === '[object Uint8Array]' || tag === '[object Uint8ClampedArray]' || tag === '[object DataView]') {
    return Uint8Array.from(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
  }
  if (ArrayBuffer.isView(v)) return Array.from(v, (x) => plain(x, depth + 1));
  if (Array.isArray(v)) return v.map((x) => plain(x, depth + 1));
  if (tag === '[object Error]') return { name: v.name, message: v.message };
  const o = {};
  for (const k of Object.keys(v)) o[k] = plain(v[k], depth + 1);
  return o;
}

function encode(value) {
  return msgpack.encode(plain(value), { ignoreUndefined: false });
}

function utf8(bytes) {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

function enosys() {
  const err = new Error('not implemented');
  err.code = 'ENOSYS';
  return err;
}

/**
 * A fresh JS world for one call: the globals wasm_exec.js requires, timers the call keeps count of
 * (so the adapter knows when nothing is scheduled) and whose callbacks' failures end the call.
 */
function world(run) {
  const capture = (fd, buf, offset, length) => {
    const bytes = Buffer.from(buf.buffer, buf.byteOffset + offset, length);
    if (fd === 1) run.stdout.push(Buffer.from(bytes));
    else if (fd === 2) run.stderr.push(Buffer.from(bytes));
    else throw Object.assign(new Error('bad file descriptor'), { code: 'EBADF' });
    return length;
  };
  const files = new Proxy({
    constants: { O_WRONLY: -1, O_RDWR: -1, O_CREAT: -1, O_TRUNC: -1, O_APPEND: -1, O_EXCL: -1, O_DIRECTORY: -1 },
    writeSync: (fd, buf) => capture(fd, buf, 0, buf.length),
    write: (fd, buf, offset, length, position, done) => {
      let n;
      try {
        n = capture(fd, buf, offset, length);
      } catch (e) {
        done(e);
        return;
      }
      done(null, n);
    },
    fsync: (fd, done) => done(null),
  }, {
    // Every other fs function answers ENOSYS through its callback (the last argument).
    get: (target, key) => (key in target ? target[key]
      : (...args) => { if (typeof args[args.length - 1] === 'function') args[args.length - 1](enosys()); }),
  });
  const timers = run.timers;
  const guard = (fn) => (...args) => {
    // After go.exit nothing more of the program runs, as node's runner's process.exit ends it all; a
    // timer Go had armed would otherwise resume an exited program ("Go program has already exited").
    if (run.exit !== undefined) return;
    try {
      run.timed(() => fn(...args));
    } catch (e) {
      rethrow(e, run);
    }
  };
  const context = {
    fs: files,
    crypto: { getRandomValues: (a) => nodeCrypto.getRandomValues(a) },
    performance: { now: () => performance.now() },
    TextEncoder, TextDecoder,
    setTimeout: (fn, ms, ...args) => {
      const t = setTimeout(() => { timers.delete(t); guard(fn)(...args); }, ms);
      timers.add(t);
      return t;
    },
    clearTimeout: (t) => { timers.delete(t); clearTimeout(t); },
    setInterval: (fn, ms, ...args) => {
      const t = setInterval(guard(fn), ms, ...args);
      timers.add(t);
      return t;
    },
    clearInterval: (t) => { timers.delete(t); clearInterval(t); },
    queueMicrotask: (fn) => queueMicrotask(guard(fn)),
  };
  // The program's console output goes to its streams too, as under node's runner.
  const print = (fd) => (...args) => {
    const line = Buffer.from(args.map(String).join(' ') + '\n');
    capture(fd, line, 0, line.length);
  };
  context.console = { log: print(1), info: print(1), debug: print(1), warn: print(2), error: print(2) };
  vm.createContext(context);
  run.context = context;
  // Runs fn (the program's code, through whatever JS leads there) with the call's time left as a
  // vm timeout; V8 stops a script that outlives it, wasm loops included.
  const entry = new vm.Script('__tckEntry()', { filename: 'wasm-tck-entry' });
  run.timed = (fn) => {
    if (run.clock === undefined) return fn();
    const left = run.clock.left();
    if (left <= 0) throw run.clock.expired();
    let result;
    context.__tckEntry = () => { result = fn(); };
    try {
      entry.runInContext(context, { timeout: left });
    } catch (e) {
      if (e && e.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw run.clock.expired();
      throw e;
    }
    return result;
  };
  vm.runInContext(WASM_EXEC, context, { filename: 'wasm_exec.js' });
  // The context's global object: the sandbox above plus the realm's builtins (String, WebAssembly...).
  const global = vm.runInContext('globalThis', context);
  global.adopt = vm.runInContext(ADOPT, context);
  return global;
}

/** Lets timers and promise jobs run until the program exited, a call was answered, or nothing is scheduled. */
async function settle(run, done) {
  for (;;) {
    await new Promise((r) => setImmediate(r));
    if (run.failed || run.exit !== undefined || done()) return;
    if (run.clock.left() <= 0) {
      // Still waiting on timers (a sleep, a ticker) at the limit: as slow as a loop, as far as the case goes.
      run.failed = run.clock.expired();
      return;
    }
    if (run.timers.size === 0) {
      // One more turn: a promise job may still schedule something.
      await new Promise((r) => setImmediate(r));
      if (run.timers.size === 0 || run.failed || run.exit !== undefined || done()) return;
    }
    await new Promise((r) => setTimeout(r, 1));
  }
}

/** What an exception out of the program's JS or wasm means. */
function rethrow(e, run) {
  if (e instanceof Exited) {
    run.exit = e.code;
    return;
  }
  run.failed = run.failed || e;
}

function faultOf(e, what) {
  if (e instanceof Fault) return e;
  const name = e && e.constructor && e.constructor.name;
  if (name === 'RuntimeError') return new Fault('trap', String(e.message));
  if (name === 'LinkError' || name === 'CompileError') return new Fault('link', String(e.message));
  return new Fault('host-error', `${what}: ${e && e.stack ? e.stack.split('\n')[0] : String(e)}`);
}

function streams(run) {
  return { stdout: Buffer.concat(run.stdout).toString('utf8'), stderr: Buffer.concat(run.stderr).toString('utf8') };
}

/** Starts the program: a fresh world, the case's globals and script, then main until it settles. */
async function start(frame, run, setup) {
  const settings = frame.settings || {};
  const ctx = world(run);
  setup(ctx);
  for (const [name, value] of Object.entries(settings.globals || {})) {
    ctx[name] = ctx.adopt(msgpack.decode(value));
  }
  if (settings.js) {
    const where = settings['js-where'] || {};
    try {
      const script = new vm.Script(settings.js, { filename: where.location || 'host.js', lineOffset: (where.line || 1) - 1 });
      run.timed(() => script.runInContext(run.context));
    } catch (e) {
      if (e instanceof Fault) throw e;
      const at = (e && e.stack || '').split('\n')[0];
      throw new Fault('host-error', `the case's js failed: ${at.includes(':') ? at + ': ' : ''}${e}`);
    }
  }
  const go = new ctx.Go();
  go.argv = [settings.program || 'js'].concat(settings.args || []);
  go.env = Object.assign({}, settings.env || {});
  go.exit = (code) => { throw new Exited(code); };
  const memoryBytes = Number((frame.limits || {})['memory-bytes'] || 0);
  let instance;
  const overLimit = () => {
    const size = instance.exports.mem.buffer.byteLength;
    return memoryBytes > 0 && size > memoryBytes
      ? new Fault('memory-limit', `linear memory grew to ${size} bytes, past the case's limit of ${memoryBytes} bytes`)
      : null;
  };
  // Go's runtime calls this import after every memory.grow: the moment the memory limit is checked.
  const imports = go.importObject.gojs || go.importObject.go;
  const reset = imports['runtime.resetMemoryDataView'];
  imports['runtime.resetMemoryDataView'] = (sp) => {
    reset(sp);
    const fault = overLimit();
    if (fault) {
      run.failed = run.failed || fault;
      throw fault;
    }
  };
  try {
    instance = await ctx.WebAssembly.instantiate(modules.get(frame.module), go.importObject);
  } catch (e) {
    throw faultOf(e, 'instantiating');
  }
  const atStart = overLimit();
  if (atStart) throw atStart;
  try {
    run.timed(() => go.run(instance).catch((e) => rethrow(e, run)));
  } catch (e) {
    rethrow(e, run);
  }
  return { ctx, go };
}

function observe(frame, ctx) {
  const globals = {};
  for (const name of frame.observe || []) globals[name] = encode(ctx[name]);
  return globals;
}

async function wasmExec(frame, run) {
  const serve = (frame.settings || {})['after-exit'] === 'serve';
  const { ctx, go } = await start(frame, run, () => {});
  await settle(run, () => false);
  if (run.failed) throw faultOf(run.failed, 'main');
  const fn = frame.function;
  let output;
  if (fn) {
    if (run.exit !== undefined && !serve) {
      // Node's runner ends its process when Go exits: nothing more can be called.
      throw new Fault('exit', `exited with code ${run.exit} before ${fn} could be called`);
    }
    // With after-exit: serve the call is made anyway: a builtin answers, a Go function is refused by
    // wasm_exec.js ("Go program has already exited"), which has no such compatibility mode.
    const exitedBefore = run.exit;
    run.exit = undefined;
    run.clock.startCall();
    if (typeof ctx[fn] !== 'function') {
      throw new Fault('link', ctx[fn] === undefined ? `global '${fn}' is not defined` : `global '${fn}' is not a function`);
    }
    // The input is the argument list; one value is one argument; nil (a case without input) is none.
    const decoded = frame.input && frame.input.length ? msgpack.decode(frame.input) : null;
    const args = decoded === null || decoded === undefined ? [] : decoded;
    try {
      const result = run.timed(() => ctx[fn](...ctx.adopt(Array.isArray(args) ? args : [args])));
      if (run.exit === undefined) output = encode(result);
      if (run.exit === undefined) run.exit = exitedBefore;
    } catch (e) {
      if (e instanceof Exited) run.exit = e.code;
      else if (e instanceof Fault || run.failed || (e && e.constructor && e.constructor.name === 'RuntimeError')) throw faultOf(run.failed || e, fn);
      else throw new Fault('guest-error', `${fn} threw ${e && e.name ? `${e.name}: ${e.message}` : String(e)}`);
    }
  } else if (run.exit === undefined) {
    // Nothing is scheduled and main has not exited: the deadlock event, as node's runner sends at its exit.
    go._pendingEvent = { id: 0 };
    try {
      run.timed(() => go._resume());
    } catch (e) {
      rethrow(e, run);
    }
    if (run.failed) throw faultOf(run.failed, 'the deadlock event');
  }
  return { output, exit: run.exit, globals: observe(frame, ctx) };
}

/** prep/wasmexec's fake waPC: __guest_call(op, payload) answered through the global `wapc` object. */
async function fakeWapc(frame, run) {
  const answer = {};
  const { ctx } = await start(frame, run, (context) => {
    context.wapc = {
      __guest_response: (b) => { answer.response = Buffer.from(b); },
      __guest_error: (b) => { answer.error = utf8(b); },
      __host_call: (binding, namespace, operation, payload) => {
        const a = callback({
          kind: 'host-call', binding: utf8(binding), namespace: utf8(namespace),
          operation: utf8(operation), payload: Buffer.from(payload),
        });
        const error = a.error === undefined || a.error === null ? null : a.error;
        return context.adopt([error === null ? Uint8Array.from(a.response || []) : null, error]);
      },
    };
  });
  const done = () => answer.response !== undefined || answer.error !== undefined;
  await settle(run, done);
  if (run.failed) throw faultOf(run.failed, 'main');
  if (run.exit !== undefined) throw new Fault('exit', `exited with code ${run.exit} before __guest_call could be called`);
  if (typeof ctx.__guest_call !== 'function') throw new Fault('link', "global '__guest_call' is not defined");
  run.clock.startCall();
  try {
    run.timed(() => ctx.__guest_call(frame.function, ctx.adopt(frame.input || new Uint8Array(0))));
  } catch (e) {
    rethrow(e, run);
  }
  await settle(run, done);
  if (run.failed) throw faultOf(run.failed, '__guest_call');
  if (run.exit !== undefined) throw new Fault('exit', `exited with code ${run.exit} during __guest_call("${frame.function}")`);
  if (answer.error !== undefined) throw new Fault('guest-error', answer.error);
  if (answer.response === undefined) {
    throw new Fault('protocol', `__guest_call("${frame.function}") ended without __guest_response or __guest_error`);
  }
  return { output: answer.response };
}

async function call(frame) {
  const run = { stdout: [], stderr: [], timers: new Set(), failed: undefined, exit: undefined, clock: new Clock(frame.limits || {}) };
  let result;
  try {
    const r = frame.abi === 'wapc' ? await fakeWapc(frame, run) : await wasmExec(frame, run);
    result = Object.assign({ type: 'result', output: r.output, 'exit-code': r.exit, globals: r.globals }, streams(run));
  } catch (e) {
    const f = faultOf(e, 'the call');
    result = Object.assign({ type: 'result', fault: { kind: f.kind, message: f.message } }, streams(run));
  }
  for (const t of run.timers) clearTimeout(t); // a call's leftover timers must not fire into the next
  return result;
}

/** The import module of this line's wasm_exec.js: `go` (Go <= 1.20) or `gojs`. */
function goModule() {
  const ctx = world({ stdout: [], stderr: [], timers: new Set() });
  return Object.keys(new ctx.Go().importObject).find((m) => m === 'go' || m === 'gojs');
}

function load(frame) {
  try {
    const module = new WebAssembly.Module(frame.wasm);
    const mine = goModule();
    const wanted = WebAssembly.Module.imports(module).map((i) => i.module).find((m) => m === 'go' || m === 'gojs');
    let unsupported;
    if (wanted !== undefined && wanted !== mine) {
      unsupported = `a Go js/wasm binary importing '${wanted}'; this host's wasm_exec.js (${GO_VERSION}) serves '${mine}'`;
    } else if (wanted !== undefined && !WebAssembly.Module.exports(module).some((e) => e.name === 'getsp')) {
      unsupported = "a TinyGo js/wasm binary (no getsp export); this host runs Go's wasm_exec.js, TinyGo ships its own";
    } else if (wanted === undefined && frame.abi === 'wapc') {
      unsupported = 'a waPC guest that is not a Go js/wasm binary; this host serves waPC only as fake waPC over wasm_exec.js';
    }
    if (unsupported !== undefined) {
      writeFrame({ type: 'load-failed', module: frame.module, unsupported: true, message: unsupported });
      return;
    }
    modules.set(frame.module, module);
    writeFrame({ type: 'loaded', module: frame.module });
  } catch (e) {
    writeFrame({ type: 'load-failed', module: frame.module, message: String(e.message) });
  }
}

async function main() {
  writeFrame({
    type: 'hello', protocol: 1,
    host: { name: "Go's wasm_exec.js", version: GO_VERSION },
    runtime: { name: 'node', version: process.versions.node },
    abis: ['wasm-exec', 'wapc'],
    // Not offered: java-host-functions (no JVM here) and concurrent calls.
    capabilities: ['timeout', 'memory-limit', 'wasm-exec.host-js', 'wapc.fake-over-wasm-exec'],
  });
  for (let frame = readFrame(); frame !== null; frame = readFrame()) {
    if (frame.type === 'load') load(frame);
    else if (frame.type === 'call' && !modules.has(frame.module)) writeFrame({ type: 'error', message: 'call of a module never loaded' });
    else if (frame.type === 'call') writeFrame(await call(frame));
    else writeFrame({ type: 'error', message: `unexpected frame '${frame.type}'` });
  }
}

main().catch((e) => {
  process.stderr.write(`node-wasm-exec adapter: ${e.stack}\n`);
  process.exit(70);
});
