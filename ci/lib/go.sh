#!/usr/bin/env bash
# Makes both Go lines that the wasm_exec host is tested against available on this machine:
#   - the current Go: /usr/local/go/bin/go, else `go` on PATH;
#   - Go 1.19 (the last line whose js/wasm binaries import the module "go" rather than "gojs"),
#     from Debian's golang-1.19 package, installed with apt-get when missing.
# Source it, then call ensure_go_lines. Idempotent: what is installed is left alone.
#   source ci/lib/go.sh && ensure_go_lines
# Afterwards:
#   WASM_TCK_GO_CURRENT  path of the current line's go binary (empty when there is none)
#   WASM_TCK_GO_LEGACY   path of Go 1.19's go binary (empty when it could not be installed)
#   GO_ARGS              array of -D options telling Maven about them (wasm.tck.go.current,
#                        wasm.tck.go.legacy); only the lines that were found are passed.
# A line that cannot be made available is reported; the caller decides whether that is fatal
# (the Go stdlib test aborts, or with -Dwasm.tck.go.required=true fails, for a missing line).

WASM_TCK_GO_LEGACY_PACKAGE=golang-1.19
WASM_TCK_GO_LEGACY_DEFAULT=/usr/lib/go-1.19/bin/go

# shellcheck source=shell.sh
source "$(dirname "${BASH_SOURCE[0]}")/shell.sh"

_go_log() { echo "[go] $*" >&2; }

_go_version_of() { "$1" env GOVERSION 2>/dev/null; }

ensure_go_lines() {
  GO_ARGS=()
  WASM_TCK_GO_CURRENT=""
  WASM_TCK_GO_LEGACY=""

  local current=""
  if [ -x /usr/local/go/bin/go ]; then
    current=/usr/local/go/bin/go
  elif command -v go >/dev/null 2>&1; then
    current=$(command -v go)
  fi
  if [ -n "$current" ] && _go_version_of "$current" >/dev/null; then
    WASM_TCK_GO_CURRENT=$current
    _go_log "current line: $(_go_version_of "$current") at $current"
    GO_ARGS+=("-Dwasm.tck.go.current=$current")
  else
    _go_log "no current Go found (neither /usr/local/go/bin/go nor go on PATH)"
  fi

  local legacy=$WASM_TCK_GO_LEGACY_DEFAULT
  if [ ! -x "$legacy" ]; then
    _go_log "installing $WASM_TCK_GO_LEGACY_PACKAGE"
    if ! ci_apt_install --no-install-recommends "$WASM_TCK_GO_LEGACY_PACKAGE"; then
      _go_log "could not install $WASM_TCK_GO_LEGACY_PACKAGE"
    fi
  fi
  if [ -x "$legacy" ] && _go_version_of "$legacy" >/dev/null; then
    WASM_TCK_GO_LEGACY=$legacy
    _go_log "legacy line: $(_go_version_of "$legacy") at $legacy"
    GO_ARGS+=("-Dwasm.tck.go.legacy=$legacy")
  else
    _go_log "Go 1.19 is not available ($legacy missing)"
  fi

  export WASM_TCK_GO_CURRENT WASM_TCK_GO_LEGACY
}
