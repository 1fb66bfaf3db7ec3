#!/usr/bin/env bash
# Bench 7: time to ready with 1 million objects in the store (target <= 2 s).
source "$(dirname "$0")/../lib/common.sh"
start_appliance agc
stop_appliance
node "$BENCH_ROOT/lib/fill-index.mjs" "$WORK/agc/data" 1000000 2>/dev/null
start=$(date +%s.%N)
start_appliance agc
ready=$(date +%s.%N)
t=$(awk -v a="$start" -v b="$ready" 'BEGIN { print b - a }')
check=$(curl -s -o /dev/null -w '%{http_code}' -H 'Host: archive.ubuntu.com' http://127.0.0.1:18080/ubuntu/pool/main/p/pkg999999/pkg999999_1.0_amd64.deb)
stop_appliance
[ "$check" = 200 ] || { echo "the millionth object was not served: $check" >&2; exit 1; }
metric "startup objects in the store" 1000000
metric "startup time to ready" "$(printf %.2f "$t")" s
metric "ratio startup / 2 s target (target <= 1.0)" "$(ratio "$t" 2)"
