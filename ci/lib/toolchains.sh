#!/usr/bin/env bash
# Chooses the toolchain images for this machine. A machine that has the public image, or can pull
# it, uses it unchanged; one without a registry builds the local equivalent (ci/images/) and points
# the kit at it. The result is the array TOOLCHAIN_ARGS of -D options for Maven.
#   source ci/lib/toolchains.sh && choose_toolchain_images emscripten go go1.19 rust
# TinyGo is not chosen here: it has no local recipe (no Debian package), so where its public image
# cannot be pulled its guests are reported aborted by the kit itself.

here_toolchains=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=docker.sh
source "$here_toolchains/docker.sh"

declare -A PUBLIC_IMAGE=(
  [emscripten]=emscripten/emsdk:3.1.6
  [go]=golang:1.26
  [go1.19]=golang:1.19
  [rust]=rust:1.95
)

TOOLCHAIN_ARGS=()

choose_toolchain_images() {
  if ! ensure_docker; then
    echo "[toolchains] no Docker engine: guests that need a build will be reported aborted" >&2
    return 0
  fi
  local t public
  for t in "$@"; do
    public=${PUBLIC_IMAGE[$t]}
    if docker image inspect "$public" >/dev/null 2>&1 || timeout 120 docker pull -q "$public" >/dev/null 2>&1; then
      echo "[toolchains] $t: $public" >&2
      continue
    fi
    echo "[toolchains] $t: $public cannot be pulled here; using the local image wasm-tck/$t:local" >&2
    "$here_toolchains/../images/build-local.sh" "$t"
    TOOLCHAIN_ARGS+=("-Dwasm.conformance.toolchain.$t.image=wasm-tck/$t:local")
  done
}
