#!/usr/bin/env bash
# Second half of enter-world.sh, already inside the new namespaces.
set -euo pipefail
ip link set lo up
state=$(mktemp -d /tmp/agc-world.XXXXXX)
# Only localhost is in the hosts file: every other name is resolved by the appliance's own DNS
# responder on 127.0.0.1:53, as on a real site (a test that starts `serve` gets it).
{
  echo "127.0.0.1 localhost"
  echo "::1 localhost ip6-localhost"
} > "$state/hosts"
echo "nameserver 127.0.0.1" > "$state/resolv.conf"
mount --bind "$state/hosts" /etc/hosts
mount --bind "$state/resolv.conf" /etc/resolv.conf
export AGC_WORLD="$state"
"$@"
