#!/usr/bin/env bash
# Runs a Go js/wasm guest under node with the Go distribution's own runner, for reference
# behaviour (docs/guests.md, "Go guests"). Prints stdout, stderr and the exit code.
#   ci/go-reference/run.sh go|go1.19 guest.wasm [args...]
# GO_REF_CALLS: see preload.js. GO_REF_SYNC_WRITE=1 makes fs.write call back synchronously, as the
# wasm-tck host's does (node-sync-write.js beside this script).
# Runners: $GOROOT_GO/lib/wasm/wasm_exec_node.js (Go >= 1.24;
# default /usr/local/go) and $GOROOT_GO119/misc/wasm/wasm_exec_node.js (default /usr/lib/go-1.19,
# Debian's golang-1.19). A run is stopped after GO_REF_TIMEOUT seconds (default 10; exit 124).
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
line=$1; wasm=$2; shift 2
flags=()
case "$line" in
  go) runner=${GOROOT_GO:-/usr/local/go}/lib/wasm/wasm_exec_node.js ;;
  # Go 1.19's runner assigns globalThis.crypto, a getter-only property since node 19 (TypeError):
  # node's global WebCrypto is switched off for it.
  go1.19) runner=${GOROOT_GO119:-/usr/lib/go-1.19}/misc/wasm/wasm_exec_node.js
          flags+=(--no-experimental-global-webcrypto) ;;
  *) echo "usage: $0 go|go1.19 guest.wasm [args...]" >&2; exit 64 ;;
esac
if [ "${GO_REF_SYNC_WRITE:-}" = 1 ]; then
  flags+=(-r "$here/node-sync-write.js")
fi
out=$(mktemp) err=$(mktemp)
timeout "${GO_REF_TIMEOUT:-10}" node "${flags[@]}" -r "$here/preload.js" "$runner" "$wasm" "$@" >"$out" 2>"$err"
code=$?
echo "--- stdout"; cat "$out"
echo "--- stderr"; cat "$err"
echo "--- exit $code"
rm -f "$out" "$err"
