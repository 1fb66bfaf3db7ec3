#!/usr/bin/env bash
# Debian packages the test suite drives as real clients. Safe to re-run; fails if any is missing after.
set -euo pipefail
packages=(curl openssl iproute2 util-linux ca-certificates bind9-dnsutils cloud-init gpg gpgv apt-utils chromium fonts-dejavu-core systemd python3 make g++ snapd squashfs-tools)
tools=(curl openssl ip unshare nsenter dig cloud-init gpg gpgv apt-get apt-ftparchive chromium systemd-analyze python3 make g++ snap unsquashfs mksquashfs)
missing=()
for t in "${tools[@]}"; do command -v "$t" >/dev/null 2>&1 || missing+=("$t"); done
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi
for t in "${tools[@]}"; do
  command -v "$t" >/dev/null 2>&1 || { echo "install-test-deps: $t is still missing after installing ${packages[*]}" >&2; exit 1; }
done
echo "install-test-deps: all of ${tools[*]} present"
