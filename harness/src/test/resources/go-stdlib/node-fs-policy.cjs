// Preloaded after node-stand-in.cjs when GoStdlibTest runs on Go's node runner with
// -Dwasm.tck.go.node.fs=enosys or =empty: it takes away the real file system Node.js gives guests,
// to predict which tests need one before the Java host (which gives none) runs them.
//   enosys: every fs call Go's syscall package makes fails with ENOSYS, except writes to fd 1 and 2
//           (what the Java host is meant to do);
//   empty:  the same, but open, stat, lstat and readdir fail with ENOENT, as on an empty file system.
// The policy comes in WASM_TCK_NODE_FS. Node.js itself loads the runner and the wasm file through
// synchronous calls, which are left alone; Go's wasm_exec.js uses only the callback forms.
"use strict";
const policy = process.env.WASM_TCK_NODE_FS;
if (policy === "enosys" || policy === "empty") {
  const fs = require("fs");
  const failure = (code, message) => () => Object.assign(new Error(message), { code });
  const enosys = failure("ENOSYS", "not implemented");
  const enoent = failure("ENOENT", "no such file or directory");
  const failing = (error) => function (...args) {
    const callback = args[args.length - 1];
    setImmediate(() => callback(error()));
  };
  for (const name of ["open", "close", "read", "fstat", "stat", "lstat", "readdir", "mkdir", "rmdir",
      "unlink", "rename", "chmod", "fchmod", "chown", "fchown", "lchown", "utimes", "fsync",
      "ftruncate", "truncate", "readlink", "link", "symlink"]) {
    fs[name] = failing(enosys);
  }
  if (policy === "empty") {
    for (const name of ["open", "stat", "lstat", "readdir"]) {
      fs[name] = failing(enoent);
    }
  }
  const write = fs.write;
  const writeFailing = failing(enosys);
  fs.write = function (fd, ...rest) {
    return fd === 1 || fd === 2 ? write.call(fs, fd, ...rest) : writeFailing(fd, ...rest);
  };
}
