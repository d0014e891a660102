// The JS both sides of ci/bench/wasm-exec.sh run next to guests/go/my-event: identical text, loaded
// by node (require, before the guest starts) and by the wasm-tck host (WasmExecSettings.js).
//
// benchRounds(name, warm, n, rounds): calls the guest function `name` `warm` times (warm-up), then
// `rounds` times `n` calls, and returns each round's elapsed milliseconds (performance.now()).
// echoBytes gets a 16-byte Uint8Array; myEvent the bytes of "Hello from JS" (it prints a line and
// returns a string).
globalThis.benchRounds = function (name, warm, n, rounds) {
  var f = globalThis[name];
  if (typeof f !== 'function') {
    throw new Error(name + ' is not a function');
  }
  var arg;
  if (name === 'myEvent') {
    var text = 'Hello from JS';
    arg = new Uint8Array(text.length);
    for (var k = 0; k < text.length; k++) {
      arg[k] = text.charCodeAt(k);
    }
  } else {
    arg = new Uint8Array(16);
    for (var j = 0; j < arg.length; j++) {
      arg[j] = j;
    }
  }
  for (var w = 0; w < warm; w++) {
    f(arg);
  }
  var times = [];
  for (var r = 0; r < rounds; r++) {
    var t0 = performance.now();
    for (var i = 0; i < n; i++) {
      f(arg);
    }
    times.push(performance.now() - t0);
  }
  return times;
};
