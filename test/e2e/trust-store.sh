#!/usr/bin/env bash
# A machine's first boot, as far as trust goes, inside its own mount namespace (run it through
# `unshare --mount --propagation private`): a private copy of the Debian trust store is bound over
# /etc/ssl, /usr/share/ca-certificates, /usr/local/share/ca-certificates and
# /etc/ca-certificates.conf, so nothing reaches the host or the next test.
#
#   trust-store.sh cloud-init USER-DATA URL...   cloud-init's own ca_certs module applies the user-data
#   trust-store.sh cert-file CRT URL...          the CA file is installed as `curl | sudo tee` would
#   trust-store.sh none - URL...                 the store as Debian ships it
#
# Prints `before URL EXIT STATUS` for each URL, then `after URL EXIT STATUS`, and copies the
# resulting bundle to $BUNDLE_OUT when set. Needs $CLOUD_INIT_PYTHON and $BOOT_SCRIPT for cloud-init.
set -euo pipefail
mode=$1
arg=$2
shift 2
work=$(mktemp -d /tmp/agc-trust.XXXXXX)
mounted=()
cleanup() {
  for m in "${mounted[@]}"; do umount "$m"; done
  rm -rf "$work"
}
trap cleanup EXIT
for d in /etc/ssl /usr/share/ca-certificates /usr/local/share/ca-certificates; do
  mkdir -p "$work$d"
  cp -a "$d/." "$work$d/"
  mount --bind "$work$d" "$d"
  mounted+=("$d")
done
cp /etc/ca-certificates.conf "$work/ca-certificates.conf"
mount --bind "$work/ca-certificates.conf" /etc/ca-certificates.conf
mounted+=(/etc/ca-certificates.conf)

probe() {
  local code=0 status
  status=$(curl -sS -o /dev/null -w '%{http_code}' --max-time 15 "$2" 2>/dev/null) || code=$?
  echo "$1 $2 $code ${status:-000}"
}

for url in "$@"; do probe before "$url"; done
case $mode in
  cloud-init) "$CLOUD_INIT_PYTHON" "$BOOT_SCRIPT" --apply-ca-certs "$arg" >/dev/null ;;
  cert-file)
    cp "$arg" /usr/local/share/ca-certificates/
    update-ca-certificates >/dev/null
    ;;
  none) ;;
  *) echo "trust-store.sh: unknown mode $mode" >&2; exit 2 ;;
esac
for url in "$@"; do probe after "$url"; done
if [ -n "${BUNDLE_OUT:-}" ]; then cp /etc/ssl/certs/ca-certificates.crt "$BUNDLE_OUT"; fi
