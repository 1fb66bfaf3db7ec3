#!/usr/bin/env bash
# Runs a command inside a private loopback world: its own network namespace (only lo, up) and its
# own mount namespace in which /etc/hosts and /etc/resolv.conf are replaced. Real clients inside
# resolve the upstream names to the appliance on 127.0.0.1 and can reach nothing but loopback.
# Fails (never skips) when the world cannot be made.
set -euo pipefail
if [ "$(id -u)" != 0 ]; then
  echo "e2e: the test world needs root (unshare --net --mount); run the tests as root" >&2
  exit 1
fi
here=$(cd "$(dirname "$0")" && pwd)
exec unshare --net --mount --propagation private -- bash "$here/world-inside.sh" "$@"
