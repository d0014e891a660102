#!/usr/bin/env bash
# Builds the toolchain images guests are compiled in, for machines without a container registry.
# Real users do not need this: the kit defaults to public images (emscripten/emsdk:3.1.6, ...).
#
#   ci/images/build-local.sh [toolchain ...]     (default: every folder under ci/images/, and go1.19)
#   ci/images/build-local.sh --base              (only the Debian base, e.g. for ci/cli-image)
#
# Produces wasm-tck/<toolchain>:local (:$IMAGE_TAG when set, e.g. to try a recipe change beside the
# images in use) FROM wasm-tck/debian-base:bookworm, which is made with
# debootstrap when missing. Existing images are kept: delete one with `docker rmi` to rebuild it.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../lib/docker.sh
source "$here/../lib/docker.sh"

BASE_IMAGE=wasm-tck/debian-base:bookworm
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}

# Toolchains built from another toolchain's folder with build arguments. Go 1.19 is the old js/wasm
# line whose binaries import the module "go" (from Go 1.21 on, "gojs"), so hosts are tested against
# both; its zip is pinned like the current line's (see go/Dockerfile).
declare -A RECIPE_FOLDER=([go1.19]=go)
declare -A RECIPE_ARGS=(
  [go1.19]="GO_VERSION=1.19.8 GO_ZIP_SHA256=2c8f92f9d7239e4aaecc0437d9f6548ca22744efbb919fc609f5c697cbc1fcae"
)

log() { echo "[images] $*" >&2; }

# Runs a command with its output in a log file, printed (tail) only if it fails.
run_logged() {
  local logfile=$1; shift
  if ! "$@" >"$logfile" 2>&1; then
    log "FAILED: $* (log: $logfile)"
    tail -n 60 "$logfile" >&2
    return 1
  fi
}

image_exists() { docker image inspect "$1" >/dev/null 2>&1; }

ensure_base() {
  if image_exists "$BASE_IMAGE"; then
    log "$BASE_IMAGE present"
    return 0
  fi
  if ! command -v debootstrap >/dev/null 2>&1; then
    log "installing debootstrap"
    run_logged /tmp/wasm-tck-apt.log apt-get update -q
    run_logged /tmp/wasm-tck-apt.log env DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap
  fi
  local root status=0
  root=$(mktemp -d /tmp/wasm-tck-rootfs.XXXXXX)
  log "debootstrap bookworm (minbase) from $MIRROR"
  # In a subshell so that a failure still reaches the cleanup below (set -e ends the subshell only).
  (
    run_logged /tmp/wasm-tck-debootstrap.log debootstrap --variant=minbase bookworm "$root" "$MIRROR"
    rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
    log "importing $BASE_IMAGE"
    tar -C "$root" -c . | docker import - "$BASE_IMAGE" >/dev/null
  ) || status=$?
  rm -rf "$root"
  return "$status"
}

build_toolchain() {
  local toolchain=$1 image="wasm-tck/$1:${IMAGE_TAG:-local}"
  local folder=${RECIPE_FOLDER[$toolchain]:-$toolchain} build_args=() arg
  if [ ! -f "$here/$folder/Dockerfile" ]; then
    log "no Dockerfile for toolchain '$toolchain' in $here/$folder"
    return 1
  fi
  for arg in ${RECIPE_ARGS[$toolchain]:-}; do
    build_args+=(--build-arg "$arg")
  done
  if image_exists "$image"; then
    log "$image present, skipping"
    return 0
  fi
  ensure_base
  log "building $image (log: /tmp/wasm-tck-image-$toolchain.log)"
  local start=$SECONDS status=0 context
  # The build context is a copy of the folder plus extra-ca.crt (see host_ca_bundle), which
  # Dockerfiles that download over HTTPS install; the others ignore it.
  context=$(mktemp -d /tmp/wasm-tck-context.XXXXXX)
  cp -R "$here/$folder/." "$context/"
  host_ca_bundle >"$context/extra-ca.crt" || true
  run_logged "/tmp/wasm-tck-image-$toolchain.log" \
    docker build --pull=false --build-arg "BASE=$BASE_IMAGE" "${build_args[@]}" -t "$image" "$context" || status=$?
  rm -rf "$context"
  [ "$status" -eq 0 ] || return "$status"
  log "built $image in $((SECONDS - start))s"
}

# The CA certificates this machine trusts, so images that fetch over HTTPS (the Go toolchain and
# modules from proxy.golang.org) work behind a TLS-intercepting proxy too: $WASM_TCK_EXTRA_CA_CERTS
# (a PEM file) if set, else the host's bundle ($SSL_CERT_FILE or Debian's path). Prints nothing
# when neither exists.
host_ca_bundle() {
  local f
  for f in "${WASM_TCK_EXTRA_CA_CERTS:-}" "${SSL_CERT_FILE:-}" /etc/ssl/certs/ca-certificates.crt; do
    if [ -n "$f" ] && [ -s "$f" ]; then
      cat "$f"
      return 0
    fi
  done
}

main() {
  ensure_docker
  if [ "${1:-}" = "--base" ]; then
    ensure_base
    return
  fi
  local toolchains=("$@")
  if [ "${#toolchains[@]}" -eq 0 ]; then
    local d
    for d in "$here"/*/; do
      [ -f "$d/Dockerfile" ] && toolchains+=("$(basename "$d")")
    done
    toolchains+=("${!RECIPE_FOLDER[@]}")
  fi
  local t
  for t in "${toolchains[@]}"; do
    build_toolchain "$t"
  done
}

main "$@"
