#!/usr/bin/env bash
# Second half of enter-world.sh, already inside the new namespaces.
set -euo pipefail
ip link set lo up
state=$(mktemp -d /tmp/agc-world.XXXXXX)
names="archive.ubuntu.com security.ubuntu.com gb.archive.ubuntu.com ports.ubuntu.com images.maas.io api.snapcraft.io api.charmhub.io"
{
  echo "127.0.0.1 localhost"
  echo "::1 localhost ip6-localhost"
  echo "127.0.0.1 $names"
} > "$state/hosts"
echo "nameserver 127.0.0.1" > "$state/resolv.conf"
mount --bind "$state/hosts" /etc/hosts
mount --bind "$state/resolv.conf" /etc/resolv.conf
export AGC_WORLD="$state"
"$@"
