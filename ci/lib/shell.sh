#!/usr/bin/env bash
# Small helpers the ci/lib scripts share. Source it; it defines functions only.

# Runs a command, showing its output only when it fails (CI logs stay short).
ci_quiet() {
  local out
  if ! out=$("$@" 2>&1); then
    printf '%s\n' "$out" | tail -n 40 >&2
    return 1
  fi
}

# Runs a command as root: directly when we are root, else through sudo without a prompt.
ci_as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi
}

# Installs Debian packages quietly (apt-get update first); arguments go to apt-get install.
ci_apt_install() {
  ci_quiet ci_as_root apt-get update -q \
    && ci_quiet ci_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@"
}
