#!/usr/bin/env bash
# Benchmark: the wasm-tck wasm_exec host (on Chicory, Endive or GraalWasm, + Rhino) against node running Go's own
# wasm_exec.js, on the same .wasm files. See docs/benchmarks.md.
#   ci/bench/wasm-exec.sh            # current Go line (GO, default /usr/local/go/bin/go)
#   GO=/usr/lib/go-1.19/bin/go ci/bench/wasm-exec.sh
#   BENCH_RUNTIMES="chicory endive" ci/bench/wasm-exec.sh   # each runtime in turn, one table
# Builds guests/go/hello and guests/go/my-event with that Go (GOOS=js GOARCH=wasm, no Docker) into
# a temporary folder, compiles the harness's test classes if needed (Maven wrapper, offline), runs
# ci/bench/wasm-exec-node.js and dev.wasmtck.internal.host.wasmexec.WasmExecBench, and prints a table.
# Knobs (environment, both sides): BENCH_COMPILES (node 5; Java 3, each takes seconds),
# BENCH_STARTS_WARM (100), BENCH_STARTS (30), BENCH_CALLS_WARM (50000), BENCH_CALLS (2000 per
# round), BENCH_ROUNDS (10). JAVA_OPTS (default: the JVM options of bin/go_js_wasm_exec).
# BENCH_RUNTIMES: the runtimes our side runs on, in turn (default chicory; see lib.sh for the names).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
go=${GO:-/usr/local/go/bin/go}
node=${NODE:-node}
goroot=$("$go" env GOROOT)
goversion=$("$go" env GOVERSION)
wasm_exec=$goroot/lib/wasm/wasm_exec.js
[ -f "$wasm_exec" ] || wasm_exec=$goroot/misc/wasm/wasm_exec.js

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for guest in hello my-event; do
  (cd "$repo/guests/go/$guest" && GOOS=js GOARCH=wasm GOTOOLCHAIN=local \
     "$go" build -trimpath -o "$work/$guest.wasm" .)
done

runtimes=(${BENCH_RUNTIMES:-chicory})
# shellcheck source=lib.sh
source "$here/lib.sh"
bench_prepare "${runtimes[@]}"

export BENCH_STARTS_WARM=${BENCH_STARTS_WARM:-100} BENCH_STARTS=${BENCH_STARTS:-30}
export BENCH_CALLS_WARM=${BENCH_CALLS_WARM:-50000} BENCH_CALLS=${BENCH_CALLS:-2000} BENCH_ROUNDS=${BENCH_ROUNDS:-10}
node_flags=()
case "$goversion" in go1.1[0-9]*|go1.20*) node_flags+=(--no-experimental-global-webcrypto) ;; esac
echo "# node ..." >&2
BENCH_COMPILES=${BENCH_COMPILES:-5} "$node" "${node_flags[@]}" "$here/wasm-exec-node.js" "$wasm_exec" \
  "$work/hello.wasm" "$work/my-event.wasm" >"$work/node.tsv"
BENCH_JAVA_PROPS=(-Dbench.compiles="${BENCH_COMPILES:-3}" -Dbench.starts.warm="$BENCH_STARTS_WARM"
  -Dbench.starts="$BENCH_STARTS" -Dbench.calls.warm="$BENCH_CALLS_WARM" -Dbench.calls="$BENCH_CALLS"
  -Dbench.rounds="$BENCH_ROUNDS")
ours=()
for rt in "${runtimes[@]}"; do
  echo "# wasm-tck host on $rt ..." >&2
  bench_java "$rt" dev.wasmtck.internal.host.wasmexec.WasmExecBench "$here/bench.js" "$work/hello.wasm" \
    "$work/my-event.wasm" >"$work/ours-$rt.tsv"
  ours+=("$work/ours-$rt.tsv")
done

echo "# $goversion; node $("$node" --version); $(${JAVA_HOME:+$JAVA_HOME/bin/}java -version 2>&1 | head -1); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%F)"
echo "# start-up: $BENCH_STARTS_WARM warm-up + $BENCH_STARTS measured runs; calls: $BENCH_CALLS_WARM warm-up +" \
  "$BENCH_ROUNDS rounds of $BENCH_CALLS calls in one instance; compiles: node ${BENCH_COMPILES:-5}, ours ${BENCH_COMPILES:-3}"
bench_table node "$work/node.tsv" "${runtimes[*]}" "${ours[@]}"
