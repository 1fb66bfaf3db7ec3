#!/usr/bin/env bash
# npm run bench [-- NAME...]: runs the benches (all but soak, or the named ones) inside a private network
# namespace, after installing the Debian tools they compare against. Each prints its figures, and
# its ratios last, one line per metric.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/.."
all=(large-http small-hits https-large single-flight memory startup dns import apt-mix)
for d in "$here"/*/; do
  n=$(basename "$d")
  [ "$n" = lib ] && continue
  case " ${all[*]} " in *" $n "*) ;; *) all+=("$n") ;; esac
done
names=("$@")
[ ${#names[@]} -eq 0 ] && names=("${all[@]}")
if [ "$(id -u)" != 0 ]; then echo "bench: run as root (it makes a private network namespace)" >&2; exit 1; fi
need=()
command -v nginx >/dev/null || need+=(nginx-light)
command -v wrk >/dev/null || need+=(wrk)
[ -x /usr/sbin/apt-cacher-ng ] || need+=(apt-cacher-ng)
command -v curl >/dev/null || need+=(curl)
command -v dnsperf >/dev/null || need+=(dnsperf)
[ -x /usr/sbin/dnsmasq ] || need+=(dnsmasq-base)
command -v dig >/dev/null || need+=(bind9-dnsutils)
if [ ${#need[@]} -gt 0 ]; then
  [ -e /usr/sbin/policy-rc.d ] || { printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; }
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
[ -f dist/cli/main.js ] || npm run build
for n in "${names[@]}"; do
  # soak (bench/soak.sh, 30 minutes unless SOAK_SECONDS says less) runs only when named.
  script="$here/$n/run.sh"
  [ "$n" = soak ] && script="$here/soak.sh"
  [ -f "$script" ] || { echo "bench: no bench named $n" >&2; exit 1; }
  echo "== $n"
  unshare --net -- bash -c "ip link set lo up && bash '$script'"
done
