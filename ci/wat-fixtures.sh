#!/bin/sh
# Regenerates the committed .wasm test guests from their .wat sources with wabt's wat2wasm.
# Run from anywhere; commit the results. WatFixturesTest checks they are up to date.
set -eu
root="$(cd "$(dirname "$0")/.." && pwd)"
command -v wat2wasm >/dev/null 2>&1 || { echo "wat2wasm not found (Debian/Ubuntu: apt-get install wabt)" >&2; exit 1; }
for wat in "$root"/harness/src/test/resources/wat/*.wat "$root"/cli/src/test/resources/wat/*.wat; do
  wat2wasm "$wat" -o "${wat%.wat}.wasm"
  echo "built ${wat%.wat}.wasm"
done
