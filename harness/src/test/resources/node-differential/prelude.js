// The JS world given to a Go guest by NodeDifferentialTest, with identical text on both sides: to
// node as a preload (node -r, before Go's wasm_exec_node.js) and to the wasm-tck host as
// WasmExecSettings.js (run before main). Plain ES5-ish syntax, so Rhino and node read it alike.
//
// Host functions and a global object for guests/go/host-js, and drive(calls), calls being
// [label, thunk] pairs whose label is the call's JS text: once the first function each label calls
// is a global function (polled) and 50 ms more have passed, so main is idle, the calls run in order
// and each result is printed as "[driver] <label> -> <value>" (Uint8Array as a byte list, strings
// JSON-quoted) or "[driver] <label> threw <message>".
globalThis.hostAdd = function (a, b) { return a + b; };
globalThis.hostGreet = function (name) { return 'Hello, ' + name + '!'; };
globalThis.hostFail = function () { throw new Error('host says no'); };
globalThis.config = { name: 'wasm-tck', version: 3, debug: true };

globalThis.bytesOf = function (text) {
  var bytes = new Uint8Array(text.length);
  for (var i = 0; i < text.length; i++) {
    bytes[i] = text.charCodeAt(i) & 0xff;
  }
  return bytes;
};

globalThis.show = function (v) {
  if (v instanceof Uint8Array) {
    var parts = [];
    for (var i = 0; i < v.length; i++) {
      parts.push(v[i]);
    }
    return 'Uint8Array[' + parts.join(',') + ']';
  }
  if (typeof v === 'string') {
    return JSON.stringify(v);
  }
  return String(v);
};

globalThis.drive = function (calls) {
  var names = calls.map(function (c) { return c[0].match(/([A-Za-z_$][\w$]*)\s*\(/)[1]; });
  var started = Date.now();
  var timer = setInterval(function () {
    var ready = names.every(function (n) { return typeof globalThis[n] === 'function'; });
    if (ready) {
      clearInterval(timer);
      setTimeout(function () {
        calls.forEach(function (c) {
          try {
            console.log('[driver] ' + c[0] + ' -> ' + show(c[1]()));
          } catch (e) {
            console.log('[driver] ' + c[0] + ' threw ' + (e && e.message));
          }
        });
      }, 50);
    } else if (Date.now() - started > 5000) {
      clearInterval(timer);
      console.log('[driver] gave up waiting for ' + names.join(', '));
    }
  }, 5);
};
