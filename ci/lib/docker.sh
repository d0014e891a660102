#!/usr/bin/env bash
# Makes a Docker engine available to the build (CI and developer machines without one running).
# Source it, then call ensure_docker. Idempotent: a working engine is left alone.
#   source ci/lib/docker.sh && ensure_docker
# Testcontainers normally starts its "ryuk" reaper container, pulled from a registry; machines
# without a registry cannot pull it, so the reaper is disabled (our containers are stopped by the
# code that starts them).

export TESTCONTAINERS_RYUK_DISABLED=true
export TESTCONTAINERS_CHECKS_DISABLE=true

# Inside a container (/.dockerenv) with a local engine, Testcontainers looks for the host's
# address by running a helper container (alpine), which it must pull: without a registry that
# hangs for minutes and then fails. The engine is local, so say so.
if [ -f /.dockerenv ] && [ -z "${TESTCONTAINERS_HOST_OVERRIDE:-}" ] \
   && { [ -z "${DOCKER_HOST:-}" ] || [[ "${DOCKER_HOST}" == unix://* ]]; }; then
  export TESTCONTAINERS_HOST_OVERRIDE=localhost
fi

# shellcheck source=shell.sh
source "$(dirname "${BASH_SOURCE[0]}")/shell.sh"

_docker_log() { echo "[docker] $*" >&2; }

ensure_docker() {
  if docker info >/dev/null 2>&1; then
    _docker_log "engine already running"
    return 0
  fi
  if ! command -v dockerd >/dev/null 2>&1 || ! command -v docker >/dev/null 2>&1; then
    _docker_log "installing docker.io"
    ci_apt_install docker.io
  fi
  local log=/tmp/wasm-tck-dockerd.log
  if ! pgrep -x dockerd >/dev/null 2>&1; then
    _docker_log "starting dockerd (log: $log)"
    # setsid: the daemon must outlive this shell and not receive its job-control signals.
    ci_as_root setsid dockerd >"$log" 2>&1 < /dev/null &
  else
    _docker_log "dockerd already started, waiting for it"
  fi
  local waited=0
  until docker info >/dev/null 2>&1; do
    if [ "$waited" -ge 60 ]; then
      _docker_log "dockerd did not answer within 60 s; last lines of $log:"
      tail -n 30 "$log" >&2 2>/dev/null || true
      return 1
    fi
    sleep 1
    waited=$((waited + 1))
  done
  _docker_log "engine ready after ${waited}s"
}
